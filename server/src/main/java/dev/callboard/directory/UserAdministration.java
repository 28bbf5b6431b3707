package dev.callboard.directory;

import dev.callboard.directory.PasswordHasher;
import dev.callboard.error.DomainException;
import dev.callboard.identity.CurrentUser;
import org.springframework.stereotype.Service;

import java.util.List;
import java.util.Optional;

/** Creating and listing accounts: the admin API and start-up bootstrap both come through here. */
@Service
public class UserAdministration {
    private final UserRepository users;
    private final PasswordHasher hasher;

    public UserAdministration(UserRepository users, PasswordHasher hasher) {
        this.users = users;
        this.hasher = hasher;
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

    private static void requireAdmin(CurrentUser actor) {
        if (!actor.isAdmin()) throw DomainException.forbidden("admin role required");
    }
}
