package dev.callboard.client;

import java.time.Instant;
import java.util.UUID;

/**
 * A user's presence as others see it. {@code manualStatus} and the expiry fields are null when not
 * set (and may be left out by the server for users other than the caller).
 */
public record Presence(
        UUID userId,
        PresenceStatus status,
        Instant lastSeenAt,
        String message,
        ManualStatus manualStatus,
        Instant manualStatusExpiresAt,
        Instant messageExpiresAt) {
}
