package dev.callboard.account;

import dev.callboard.identity.Caller;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** API key only: {@code POST /api/tokens} mints a short-lived token for one of the host's users. */
@RestController
public class TokenController {
    private final TokenMinting minting;

    public TokenController(TokenMinting minting) {
        this.minting = minting;
    }

    @PostMapping("/api/tokens")
    @ResponseStatus(HttpStatus.CREATED)
    public TokenMinting.Minted mint(Caller caller, @RequestBody TokenMinting.Request body) {
        return minting.mint(caller, body);
    }
}
