package dev.callboard.client;

import java.time.Instant;
import java.util.UUID;

/**
 * A 1:1 call. {@code reason} is an open vocabulary, see {@link CallReason}; {@code durationSeconds}
 * is null until an answered call has ended. {@code answeredDeviceId} is the device that answered;
 * {@code replacedBy}, set on a call that lost a glare (reason {@code glare}), is the call to answer
 * instead. The names and avatars are the parties' as the server knew them.
 */
public record Call(
        UUID id,
        UUID callerId,
        UUID calleeId,
        Media media,
        CallStatus status,
        String reason,
        Instant startedAt,
        Instant answeredAt,
        Instant endedAt,
        Integer durationSeconds,
        String answeredDeviceId,
        UUID replacedBy,
        String callerName,
        String callerAvatarUrl,
        String calleeName,
        String calleeAvatarUrl) {

    /** True once the call is over, whatever its outcome. */
    public boolean isEnded() {
        return endedAt != null || (status != CallStatus.RINGING && status != CallStatus.ANSWERED);
    }
}
