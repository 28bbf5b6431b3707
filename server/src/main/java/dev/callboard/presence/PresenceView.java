package dev.callboard.presence;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.UUID;

/**
 * Presence as sent over the wire. {@code lastSeenAt} is set only while the user shows offline:
 * it is when he was last visibly online. The manual-status fields are private to the user himself
 * (others must not learn that someone chose appear_offline) and are omitted for everyone else.
 */
public record PresenceView(
        UUID userId,
        PresenceStatus status,
        Instant lastSeenAt,
        String message,
        @JsonInclude(JsonInclude.Include.NON_NULL) ManualStatus manualStatus,
        @JsonInclude(JsonInclude.Include.NON_NULL) Instant manualStatusExpiresAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) Instant messageExpiresAt) {

    /** The full view (as the user himself sees it) of a status, with the choices still active at {@code now}. */
    static PresenceView of(UUID userId, PresenceStatus status, Instant lastSeenAt,
                           Expiring<ManualStatus> manual, Expiring<String> message, Instant now) {
        ManualStatus chosen = Expiring.valueAt(manual, now);
        String text = Expiring.valueAt(message, now);
        return new PresenceView(userId, status, status == PresenceStatus.OFFLINE ? lastSeenAt : null, text,
                chosen, chosen == null ? null : manual.expiresAt(), text == null ? null : message.expiresAt());
    }

    /** The same presence as anyone but the user himself sees it. */
    public PresenceView forOthers() {
        return manualStatus == null && manualStatusExpiresAt == null && messageExpiresAt == null
                ? this
                : new PresenceView(userId, status, lastSeenAt, message, null, null, null);
    }
}
