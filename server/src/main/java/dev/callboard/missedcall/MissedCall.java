package dev.callboard.missedcall;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.callboard.call.HangupReason;
import dev.callboard.call.Media;

import java.time.Instant;
import java.util.UUID;

/** A missed-call record as its callee sees it (the wire shape of {@code missedCall}). */
public record MissedCall(
        UUID id,
        UUID callId,
        UUID callerId,
        String callerName,
        String callerAvatarUrl,
        @JsonIgnore UUID calleeId,
        Media media,
        HangupReason reason,
        Instant attemptedAt,
        Instant seenAt) {}
