package dev.callboard.call;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.callboard.error.DomainException;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The call state machine. The only legal moves are
 * ringing → answered | declined | missed | cancelled | failed, and answered → ended | failed;
 * every other status is terminal. The repository turns each move into one conditional update.
 */
public enum CallStatus {
    RINGING, ANSWERED, ENDED, DECLINED, MISSED, CANCELLED, FAILED;

    private Set<CallStatus> next() {
        return switch (this) {
            case RINGING -> EnumSet.of(ANSWERED, DECLINED, MISSED, CANCELLED, FAILED);
            case ANSWERED -> EnumSet.of(ENDED, FAILED);
            default -> EnumSet.noneOf(CallStatus.class);
        };
    }

    public boolean canMoveTo(CallStatus target) {
        return next().contains(target);
    }

    /** @return {@code target} when the move is legal; otherwise a 409 {@code invalid_transition} */
    public CallStatus transition(CallStatus target) {
        if (!canMoveTo(target)) {
            throw invalid(this, target);
        }
        return target;
    }

    public boolean isTerminal() {
        return next().isEmpty();
    }

    /** Ringing or answered: the call still occupies both parties. */
    public boolean isActive() {
        return !isTerminal();
    }

    static DomainException invalid(CallStatus from, CallStatus to) {
        return DomainException.conflict("invalid_transition",
                "call is " + from.wire() + " and cannot become " + to.wire());
    }

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static CallStatus parse(String value) {
        for (CallStatus s : values()) {
            if (s.wire().equals(value)) return s;
        }
        throw DomainException.invalid("unknown call status '" + value + "'");
    }
}
