package dev.callboard.client;

import java.time.Instant;
import java.util.UUID;

/** A call the user did not take. {@code seenAt} is null while unseen. */
public record MissedCall(
        UUID id,
        UUID callId,
        UUID callerId,
        String callerName,
        String callerAvatarUrl,
        Media media,
        Instant attemptedAt,
        Instant seenAt) {

    public boolean isSeen() {
        return seenAt != null;
    }
}
