package dev.callboard.auth;

import dev.callboard.messaging.EventBus;
import org.springframework.stereotype.Service;

import java.util.UUID;

/**
 * Ends sessions, and with them the WebSockets they opened, on every node: a socket must not outlive
 * the credential it was opened with (a revoked admin token would otherwise go on receiving everyone's
 * presence). Expiry needs no call: every node closes a session's sockets when it expires.
 */
@Service
public class Sessions {
    private final AuthTokens tokens;
    private final EventBus bus;

    public Sessions(AuthTokens tokens, EventBus bus) {
        this.tokens = tokens;
        this.bus = bus;
    }

    /** Logout: the token stops working, and every socket opened with it or its tickets closes (4003). */
    public void logout(String token) {
        tokens.revoke(token).ifPresent(s -> bus.closeSessions(s.user().id(), s.id()));
    }

    /**
     * The user's role changed: his sockets close (4003) and reconnect with the new role (every socket
     * keeps the role it was opened with). His tokens stay valid.
     */
    public void closeSocketsOf(UUID userId) {
        bus.closeSessions(userId, null);
    }

    /** The user changed his password: every other session ends (a thief's included), this one stays. */
    public void endAllOthersOf(UUID userId, String keptSessionId) {
        tokens.revokeAllOfExcept(userId, keptSessionId).forEach(ended -> bus.closeSessions(userId, ended));
    }

    /** The user was deactivated or deleted, or must sign in again: every token is revoked, every socket closes. */
    public void endAllOf(UUID userId) {
        tokens.revokeAllOf(userId);
        bus.closeSessions(userId, null);
    }
}
