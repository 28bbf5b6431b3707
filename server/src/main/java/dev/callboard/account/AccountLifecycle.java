package dev.callboard.account;

import dev.callboard.auth.Sessions;
import dev.callboard.call.CallService;
import dev.callboard.directory.ExternalProfile;
import dev.callboard.directory.ExternalUsers;
import dev.callboard.directory.User;
import dev.callboard.directory.UserAdministration;
import dev.callboard.directory.UserChange;
import dev.callboard.error.DomainException;
import dev.callboard.identity.Caller;
import dev.callboard.identity.CurrentUser;
import org.springframework.stereotype.Service;

/**
 * What follows from an admin (or the host app) changing a user, across features: a new role closes his sockets (4003;
 * they reconnect with it); deactivation also revokes every token, which takes him offline, and ends
 * his ringing and answered calls. His history stays.
 */
@Service
public class AccountLifecycle {
    private final UserAdministration administration;
    private final Sessions sessions;
    private final CallService calls;
    private final ExternalUsers externalUsers;

    public AccountLifecycle(UserAdministration administration, Sessions sessions, CallService calls,
                            ExternalUsers externalUsers) {
        this.administration = administration;
        this.externalUsers = externalUsers;
        this.sessions = sessions;
        this.calls = calls;
    }

    public User change(CurrentUser actor, String userId, UserChange change) {
        UserAdministration.Changed changed = administration.change(actor, userId, change);
        followUp(changed.before(), changed.after());
        return changed.after();
    }

    /** The host app says who the user is now (created if new): {@code PUT /api/users/by-external-id/{id}}. */
    public ExternalUsers.Upserted upsert(Caller caller, String externalId, ExternalProfile profile) {
        if (!caller.mayManageUsers()) throw DomainException.forbidden("admin role or API key required");
        ExternalUsers.Upserted upserted = externalUsers.upsert(profile.validated(externalId), ExternalUsers.ExistingEmail.ADOPT);
        upserted.before().ifPresent(before -> followUp(before, upserted.after()));
        return upserted;
    }

    private void followUp(User before, User after) {
        if (before.active() && !after.active()) {
            sessions.endAllOf(after.id());
            calls.endAllOf(new CurrentUser(after.id(), before.role()));
        } else if (before.role() != after.role()) {
            sessions.closeSocketsOf(after.id());
        }
    }
}
