package dev.callboard.account;

import dev.callboard.auth.Sessions;
import dev.callboard.call.CallService;
import dev.callboard.directory.User;
import dev.callboard.directory.UserAdministration;
import dev.callboard.directory.UserChange;
import dev.callboard.identity.CurrentUser;
import org.springframework.stereotype.Service;

/**
 * What follows from an admin changing a user, across features: a new role closes his sockets (4003;
 * they reconnect with it); deactivation also revokes every token, which takes him offline, and ends
 * his ringing and answered calls. His history stays.
 */
@Service
public class AccountLifecycle {
    private final UserAdministration administration;
    private final Sessions sessions;
    private final CallService calls;

    public AccountLifecycle(UserAdministration administration, Sessions sessions, CallService calls) {
        this.administration = administration;
        this.sessions = sessions;
        this.calls = calls;
    }

    public User change(CurrentUser actor, String userId, UserChange change) {
        UserAdministration.Changed changed = administration.change(actor, userId, change);
        User after = changed.after();
        if (changed.deactivated()) {
            sessions.endAllOf(after.id());
            calls.endAllOf(new CurrentUser(after.id(), changed.before().role()));
        } else if (changed.roleChanged()) {
            sessions.closeSocketsOf(after.id());
        }
        return after;
    }
}
