package dev.callboard.directory;

import dev.callboard.identity.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** Admin-only account management: {@code GET /api/users}, {@code POST /api/users}. */
@RestController
public class UserAdminController {
    private final UserAdministration administration;

    public UserAdminController(UserAdministration administration) {
        this.administration = administration;
    }

    @GetMapping("/api/users")
    public List<User> list(CurrentUser actor) {
        return administration.list(actor);
    }

    @PostMapping("/api/users")
    @ResponseStatus(HttpStatus.CREATED)
    public User create(CurrentUser actor, @RequestBody NewUser body) {
        return administration.create(actor, body);
    }
}
