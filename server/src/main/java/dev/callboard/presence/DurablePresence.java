package dev.callboard.presence;

import java.time.Instant;

/** The part of a user's presence that PostgreSQL keeps: what he chose, and when he was last seen. */
public record DurablePresence(Expiring<ManualStatus> manual, Expiring<String> message, Instant lastSeenAt) {
    public static final DurablePresence NONE = new DurablePresence(null, null, null);

    /** How a user with no live device looks. */
    public PresenceView offlineView(java.util.UUID userId, Instant now, boolean self) {
        PresenceView full = UserPresenceState.view(userId, PresenceStatus.OFFLINE, lastSeenAt, manual, message, now);
        return self ? full : full.forOthers();
    }
}
