package dev.callboard.account;

import dev.callboard.auth.LoginRateLimiter;
import dev.callboard.auth.Session;
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
    private final LoginRateLimiter attempts;

    public AccountLifecycle(UserAdministration administration, Sessions sessions, CallService calls,
                            ExternalUsers externalUsers, LoginRateLimiter attempts) {
        this.administration = administration;
        this.attempts = attempts;
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
        // an admin may hand an account made in Callboard over to the host; an API key may not take one
        ExternalUsers.ExistingEmail adoption = caller instanceof CurrentUser
                ? ExternalUsers.ExistingEmail.ADOPT : ExternalUsers.ExistingEmail.REFUSE;
        ExternalUsers.Upserted upserted = externalUsers.upsert(profile.validated(externalId), adoption);
        upserted.before().ifPresent(before -> followUp(before, upserted.after()));
        return upserted;
    }

    /** Deletes the user's personal data; he is cut off like a deactivated user, his calls stay in others' history. */
    public void delete(Caller caller, String userId) {
        cutOff(administration.delete(caller, userId));
    }

    /** The same, for the user the host knows by this id. */
    public void deleteByExternalId(Caller caller, String externalId) {
        if (!caller.mayManageUsers()) throw DomainException.forbidden("admin role or API key required");
        User user = externalUsers.find(ExternalProfile.validExternalId(externalId))
                .orElseThrow(() -> DomainException.notFound("user"));
        delete(caller, user.id().toString());
    }

    /**
     * He changed his password: his other sessions end (whoever else had his password is out). Wrong
     * current passwords count against the login rate limit, so a stolen token cannot guess the password.
     */
    public void changeOwnPassword(CurrentUser me, Session session, UserAdministration.PasswordChange change, String clientIp) {
        String key = "password-change:" + me.id();
        if (!attempts.tryAcquire(key, clientIp)) throw DomainException.rateLimited("too many attempts, try again in a minute");
        administration.changeOwnPassword(me, change);
        attempts.release(key, clientIp);
        sessions.endAllOthersOf(me.id(), session.id());
    }

    /** An admin set a new password: every session of the user ends, he signs in with the new one. */
    public void resetPassword(CurrentUser admin, String userId, UserAdministration.PasswordReset reset) {
        sessions.endAllOf(administration.resetPassword(admin, userId, reset).id());
    }

    private void cutOff(User before) {
        sessions.endAllOf(before.id());
        calls.endAllOf(new CurrentUser(before.id(), before.role()));
    }

    private void followUp(User before, User after) {
        if (before.active() && !after.active()) {
            cutOff(before);
        } else if (before.role() != after.role()) {
            sessions.closeSocketsOf(after.id());
        }
    }
}
