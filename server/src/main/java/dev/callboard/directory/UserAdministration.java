package dev.callboard.directory;

import dev.callboard.directory.PasswordHasher;
import dev.callboard.error.DomainException;
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
    public record Changed(User before, User after) {
        public boolean roleChanged() {
            return before.role() != after.role();
        }

        public boolean deactivated() {
            return before.active() && !after.active();
        }
    }

    public UserAdministration(UserRepository users, PasswordHasher hasher, TransactionTemplate tx) {
        this.users = users;
        this.hasher = hasher;
        this.tx = tx;
    }

    /** Admin API: any user, active or not; 404 if there is none (a malformed id included). */
    public User get(CurrentUser actor, String rawId) {
        requireAdmin(actor);
        return users.findById(id(rawId)).orElseThrow(() -> DomainException.notFound("user"));
    }

    /**
     * Admin API: changes name, email, avatar, role or active. The last active admin can be neither
     * demoted nor deactivated (409 {@code last_admin}), so Callboard always has someone to run it.
     */
    public Changed change(CurrentUser actor, String rawId, UserChange request) {
        requireAdmin(actor);
        UUID id = id(rawId);
        UserChange.Valid change = request.validated();
        try {
            return tx.execute(status -> {
                users.lockAdminChanges();
                User before = users.findById(id).orElseThrow(() -> DomainException.notFound("user"));
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
        requireAdmin(actor);
        return users.findAll();
    }

    /** Admin API: only an admin may create users (checked before anything else, so a client learns nothing). */
    public User create(CurrentUser actor, NewUser request) {
        requireAdmin(actor);
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

    private static void requireAdmin(CurrentUser actor) {
        if (!actor.isAdmin()) throw DomainException.forbidden("admin role required");
    }
}
