package dev.callboard.client;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The status others see. {@link #UNKNOWN} stands for any value a newer server may send. */
public enum PresenceStatus {
    AVAILABLE, AWAY, BE_RIGHT_BACK, BUSY, IN_A_CALL, DO_NOT_DISTURB, OFFLINE, @JsonEnumDefaultValue UNKNOWN;

    /** The name on the wire, e.g. {@code be_right_back}. */
    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
