package dev.callboard.account;

import dev.callboard.auth.AuthController;
import dev.callboard.auth.Session;
import dev.callboard.directory.ExternalProfile;
import dev.callboard.directory.ExternalUsers;
import dev.callboard.directory.User;
import dev.callboard.directory.UserAdministration;
import dev.callboard.directory.UserChange;
import dev.callboard.identity.Caller;
import dev.callboard.identity.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Admin-only: {@code GET /api/users/{id}} and {@code PATCH /api/users/{id}} (name, email, avatar, role,
 * active); admin or API key: {@code PUT /api/users/by-external-id/{externalId}}.
 */
@RestController
public class AccountController {
    private final UserAdministration administration;
    private final AccountLifecycle lifecycle;

    public AccountController(UserAdministration administration, AccountLifecycle lifecycle) {
        this.administration = administration;
        this.lifecycle = lifecycle;
    }

    @GetMapping("/api/users/{id}")
    public User get(CurrentUser actor, @PathVariable String id) {
        return administration.get(actor, id);
    }

    @PatchMapping("/api/users/{id}")
    public User change(CurrentUser actor, @PathVariable String id, @RequestBody UserChange body) {
        return lifecycle.change(actor, id, body);
    }

    /** Admin or API key: deletes the user's personal data (his calls stay in others' history, anonymised). */
    @DeleteMapping("/api/users/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void delete(Caller caller, @PathVariable String id) {
        lifecycle.delete(caller, id);
    }

    @DeleteMapping("/api/users/by-external-id/{externalId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void deleteByExternalId(Caller caller, @PathVariable String externalId) {
        lifecycle.deleteByExternalId(caller, externalId);
    }

    /** His own password; his other sessions end. 403 {@code wrong_password}, 409 {@code no_password}. */
    @PutMapping("/api/me/password")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void changeOwnPassword(CurrentUser me, Session session, @RequestBody UserAdministration.PasswordChange body,
                                  ServerHttpRequest request) {
        lifecycle.changeOwnPassword(me, session, body, AuthController.clientIp(request));
    }

    /** Admin: a new password for someone who forgot his; every session of his ends. */
    @PutMapping("/api/users/{id}/password")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void resetPassword(CurrentUser admin, @PathVariable String id, @RequestBody UserAdministration.PasswordReset body) {
        lifecycle.resetPassword(admin, id, body);
    }

    /** Admin or API key: creates (201) or updates (200) the user the host app knows by this id. */
    @PutMapping("/api/users/by-external-id/{externalId}")
    public ResponseEntity<User> upsert(Caller caller, @PathVariable String externalId, @RequestBody ExternalProfile body) {
        ExternalUsers.Upserted upserted = lifecycle.upsert(caller, externalId, body);
        return ResponseEntity.status(upserted.created() ? HttpStatus.CREATED : HttpStatus.OK).body(upserted.after());
    }
}
