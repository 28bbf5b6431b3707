package dev.callboard.presence;

import java.time.Instant;
import java.util.UUID;

/** The part of a user's presence that PostgreSQL keeps: what he chose, and when he was last seen. */
public record DurablePresence(Expiring<ManualStatus> manual, Expiring<String> message, Instant lastSeenAt) {
    public static final DurablePresence NONE = new DurablePresence(null, null, null);

    /** How a user with no live device looks. */
    public PresenceView offlineView(UUID userId, Instant now, boolean self) {
        PresenceView full = PresenceView.of(userId, PresenceStatus.OFFLINE, lastSeenAt, manual, message, now);
        return self ? full : full.forOthers();
    }
}
