package dev.callboard.auth;

import dev.callboard.error.DomainException;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * One bearer token, whichever kind it is: a JWT goes to {@link HostTokens} when host tokens are
 * configured, everything else is one of Callboard's own opaque tokens (login or API-minted).
 */
@Component
public class Credentials {
    private final AuthTokens tokens;
    private final Optional<HostTokens> hostTokens;

    public Credentials(AuthTokens tokens, Optional<HostTokens> hostTokens) {
        this.tokens = tokens;
        this.hostTokens = hostTokens;
    }

    /** @throws DomainException.Unauthenticated if the token is not (or no longer) valid */
    public Session authenticate(String bearer) {
        if (hostTokens.isPresent() && HostJwtVerifier.looksLikeJwt(bearer)) return hostTokens.get().authenticate(bearer);
        return tokens.authenticate(bearer)
                .orElseThrow(() -> DomainException.unauthenticated("missing or invalid bearer token"));
    }
}
