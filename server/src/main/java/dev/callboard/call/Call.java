package dev.callboard.call;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.UUID;

/** One call attempt as clients see it (the wire shape of {@code call}), with the parties' names. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Call(
        UUID id,
        UUID callerId,
        UUID calleeId,
        Media media,
        CallStatus status,
        HangupReason reason,
        Instant startedAt,
        Instant ringDeadline,
        Instant answeredAt,
        Instant endedAt,
        Integer durationSeconds,
        String answeredDeviceId,
        @JsonIgnore String callerDeviceId,
        UUID replacedBy,
        String callerName,
        String callerAvatarUrl,
        String calleeName,
        String calleeAvatarUrl) {

    public boolean isParty(UUID userId) {
        return callerId.equals(userId) || calleeId.equals(userId);
    }
}
