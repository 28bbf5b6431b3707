package dev.callboard.directory;

import dev.callboard.directory.PasswordHasher;
import dev.callboard.error.DomainException;
import dev.callboard.identity.Caller;
import dev.callboard.identity.CurrentUser;
import dev.callboard.identity.Ids;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Creating and listing accounts: the admin API and start-up bootstrap both come through here. */
@Service
public class UserAdministration {
    private final UserRepository users;
    private final PasswordHasher hasher;
    private final TransactionTemplate tx;

    /** What a change did: the user before and after it. */
    public record Changed(User before, User after) {}

    public UserAdministration(UserRepository users, PasswordHasher hasher, TransactionTemplate tx) {
        this.users = users;
        this.hasher = hasher;
        this.tx = tx;
    }

    /** Admin API: any user, active or not; 404 if there is none (a malformed id included). */
    public User get(CurrentUser actor, String rawId) {
        actor.requireAdmin();
        return users.findLiving(id(rawId)).orElseThrow(() -> DomainException.notFound("user"));
    }

    /**
     * Admin API (or the host's API key): deletes the user's personal data, keeping his calls in the
     * others' history as "Deleted user"; 404 if there is no such user, 409 {@code last_admin}.
     *
     * @return the user as he was before
     */
    public User delete(Caller actor, String rawId) {
        if (!actor.mayManageUsers()) throw DomainException.forbidden("admin role or API key required");
        UUID id = id(rawId);
        try {
            return tx.execute(status -> {
                users.lockAdminChanges();
                return users.delete(id).orElseThrow(() -> DomainException.notFound("user"));
            });
        } catch (UserRepository.LastAdminException e) {
            throw DomainException.conflict("last_admin", "the last active admin cannot be deleted");
        }
    }

    /** Self-service: the current password proves it is him; then the new one replaces it. */
    public void changeOwnPassword(CurrentUser me, PasswordChange request) {
        if (request == null || request.currentPassword() == null || request.newPassword() == null) {
            throw DomainException.invalid("currentPassword and newPassword are required");
        }
        String hash = users.passwordHash(me.id()).orElseThrow(() -> DomainException.conflict("no_password",
                "this account signs in through the host app; its password is managed there"));
        if (!hasher.matches(request.currentPassword(), hash)) {
            throw DomainException.forbidden("wrong_password", "the current password is not correct");
        }
        User user = users.findLiving(me.id()).orElseThrow(() -> DomainException.notFound("user"));
        users.setPasswordHash(me.id(), hasher.hash(NewUser.validPassword(request.newPassword(), user.email())));
    }

    /** Admin API: sets a new password for someone who forgot his (he then signs in with it). */
    public User resetPassword(CurrentUser actor, String rawId, PasswordReset request) {
        actor.requireAdmin();
        User user = users.findLiving(id(rawId)).orElseThrow(() -> DomainException.notFound("user"));
        if (request == null || request.password() == null) throw DomainException.invalid("password is required");
        users.setPasswordHash(user.id(), hasher.hash(NewUser.validPassword(request.password(), user.email())));
        return user;
    }

    /** The body of {@code PUT /api/me/password}. */
    public record PasswordChange(String currentPassword, String newPassword) {}

    /** The body of {@code PUT /api/users/{id}/password}. */
    public record PasswordReset(String password) {}

    /**
     * Admin API: changes name, email, avatar, role or active. The last active admin can be neither
     * demoted nor deactivated (409 {@code last_admin}), so Callboard always has someone to run it.
     */
    public Changed change(CurrentUser actor, String rawId, UserChange request) {
        actor.requireAdmin();
        UUID id = id(rawId);
        UserChange.Valid change = request.validated();
        try {
            return tx.execute(status -> {
                users.lockAdminChanges();
                User before = users.findLiving(id).orElseThrow(() -> DomainException.notFound("user"));
                User after = users.update(id, change).orElseThrow(() -> DomainException.notFound("user"));
                return new Changed(before, after);
            });
        } catch (UserRepository.EmailTakenException e) {
            throw DomainException.conflict("email_taken", "a user with this email already exists");
        } catch (UserRepository.LastAdminException e) {
            throw DomainException.conflict("last_admin", "the last active admin can be neither demoted nor deactivated");
        }
    }

    /** Admin API: only an admin may list users. */
    public List<User> list(CurrentUser actor) {
        actor.requireAdmin();
        return users.findAll();
    }

    /** Admin API: only an admin may create users (checked before anything else, so a client learns nothing). */
    public User create(CurrentUser actor, NewUser request) {
        actor.requireAdmin();
        try {
            return create(request.validated());
        } catch (UserRepository.EmailTakenException e) {
            throw DomainException.conflict("email_taken", "a user with this email already exists");
        }
    }

    /** Creates the account unless one with this email exists; for bootstrap, safe to race across nodes. */
    public Optional<User> createIfMissing(NewUser request) {
        NewUser.Valid valid = request.validated();
        if (users.findCredentials(valid.email()).isPresent()) return Optional.empty();
        try {
            return Optional.of(create(valid));
        } catch (UserRepository.EmailTakenException e) {
            return Optional.empty();
        }
    }

    private User create(NewUser.Valid valid) {
        return users.create(valid.email(), valid.displayName(), valid.role(), valid.avatarUrl(),
                hasher.hash(valid.password()));
    }

    /** Checked after the role: a client learns nothing, not even whether the id is well formed. */
    private static UUID id(String raw) {
        return Ids.parseOrNotFound(raw, "user");
    }

}
