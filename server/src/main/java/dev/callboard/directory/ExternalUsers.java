package dev.callboard.directory;

import dev.callboard.error.DomainException;
import dev.callboard.identity.Role;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.Optional;

/**
 * Users the host app manages, found by its own id for them: created on first sight, kept in step
 * with what the host says after that. Both the upsert API and just-in-time provisioning from a
 * host-signed token come through here, so the rules are the same: the last active admin cannot be
 * demoted or deactivated (409 {@code last_admin}), an email belongs to one user (409 {@code email_taken}).
 */
@Service
public class ExternalUsers {
    private final UserRepository users;
    private final TransactionTemplate tx;

    /** What happened: the user before (empty if he was created) and after. */
    public record Upserted(Optional<User> before, User after) {
        public boolean created() {
            return before.isEmpty();
        }

        public boolean roleChanged() {
            return before.isPresent() && before.get().role() != after.role();
        }
    }

    /**
     * How a new external id meets an existing account with the same email: the upsert API (a trusted
     * host backend) may adopt it, a token may not (an IdP that lets anyone claim any email must not
     * hand over an account that Callboard created).
     */
    public enum ExistingEmail { ADOPT, REFUSE }

    public ExternalUsers(UserRepository users, TransactionTemplate tx) {
        this.users = users;
        this.tx = tx;
    }

    public Optional<User> find(String externalId) {
        return users.findByExternalId(externalId);
    }

    /** Whether a user with this external id was deleted (and not created again since). */
    public boolean wasDeleted(String externalId) {
        return users.wasDeleted(externalId);
    }

    /** Creates the user or brings him in line with the profile; fields the profile leaves out stay. */
    public Upserted upsert(ExternalProfile.Valid profile, ExistingEmail existingEmail) {
        try {
            return tx.execute(status -> {
                users.lockAdminChanges();
                Optional<User> before = users.findByExternalId(profile.externalId());
                if (before.isEmpty() && existingEmail == ExistingEmail.ADOPT && profile.email() != null) {
                    before = users.findByEmail(profile.email())
                            .filter(u -> u.externalId() == null && users.link(u.id(), profile.externalId()))
                            .flatMap(u -> users.findById(u.id()));
                }
                if (before.isEmpty()) {
                    String name = profile.displayName() != null ? profile.displayName()
                            : profile.email() != null ? profile.email() : profile.externalId();
                    User created = users.createExternal(profile.externalId(), profile.email(), name,
                            profile.role() == null ? Role.CLIENT : profile.role(), profile.avatarUrl());
                    if (Boolean.FALSE.equals(profile.active())) {
                        created = users.update(created.id(), change(profile)).orElseThrow();
                    }
                    return new Upserted(Optional.empty(), created);
                }
                User existing = before.get();
                if (!differs(existing, profile)) return new Upserted(before, existing);
                User after = users.update(existing.id(), change(profile)).orElseThrow(() -> DomainException.notFound("user"));
                return new Upserted(before, after);
            });
        } catch (UserRepository.EmailTakenException e) {
            throw DomainException.conflict("email_taken", "a user with this email already exists");
        } catch (UserRepository.LastAdminException e) {
            throw DomainException.conflict("last_admin", "the last active admin can be neither demoted nor deactivated");
        }
    }

    private static boolean differs(User user, ExternalProfile.Valid profile) {
        return (profile.email() != null && !profile.email().equals(user.email()))
                || (profile.displayName() != null && !profile.displayName().equals(user.displayName()))
                || (profile.avatarUrl() != null && !profile.avatarUrl().equals(user.avatarUrl()))
                || (profile.role() != null && profile.role() != user.role())
                || (profile.active() != null && profile.active() != user.active());
    }

    private static UserChange.Valid change(ExternalProfile.Valid profile) {
        return new UserChange.Valid(profile.email(), profile.displayName(), profile.avatarUrl() != null,
                profile.avatarUrl(), profile.role(), profile.active());
    }
}
