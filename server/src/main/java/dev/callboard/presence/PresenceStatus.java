package dev.callboard.presence;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.callboard.error.DomainException;

import java.util.Locale;

/** What others see. Colours: available green; away, be_right_back yellow; busy, in_a_call, do_not_disturb red; offline gray. */
public enum PresenceStatus {
    AVAILABLE, AWAY, BE_RIGHT_BACK, BUSY, IN_A_CALL, DO_NOT_DISTURB, OFFLINE;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isOnline() {
        return this != OFFLINE;
    }

    public static PresenceStatus parse(String value) {
        for (PresenceStatus s : values()) {
            if (s.wire().equals(value)) return s;
        }
        throw DomainException.invalid("unknown status '" + value + "'");
    }
}
