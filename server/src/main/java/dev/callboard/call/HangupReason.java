package dev.callboard.call;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.callboard.error.DomainException;

import java.util.Locale;

/**
 * Why a call ended, in Matrix's vocabulary, plus {@code glare} for the call that lost a glare and
 * {@code connection_lost} for an answered call whose device disappeared.
 */
public enum HangupReason {
    USER_HANGUP, INVITE_TIMEOUT, USER_BUSY, ICE_FAILED, USER_MEDIA_FAILED, ANSWERED_ELSEWHERE,
    OFFLINE, DO_NOT_DISTURB, GLARE, CONNECTION_LOST;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** A media failure turns a hang-up into {@link CallStatus#FAILED}. */
    public boolean isFailure() {
        return this == ICE_FAILED || this == USER_MEDIA_FAILED;
    }

    public static HangupReason parse(String value) {
        for (HangupReason r : values()) {
            if (r.wire().equals(value)) return r;
        }
        throw DomainException.invalid("unknown hang-up reason '" + value + "'");
    }

    /** A reason a client may give on decline/cancel/hang-up; the others are the server's to give. */
    public static HangupReason fromClient(String value) {
        if (value == null || value.isBlank()) return USER_HANGUP;
        HangupReason r;
        try {
            r = parse(value);
        } catch (DomainException.Invalid e) {
            throw DomainException.invalid("reason must be one of user_hangup, user_busy, ice_failed, user_media_failed");
        }
        if (r != USER_HANGUP && r != USER_BUSY && !r.isFailure()) {
            throw DomainException.invalid("reason must be one of user_hangup, user_busy, ice_failed, user_media_failed");
        }
        return r;
    }
}
