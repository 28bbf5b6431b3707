package dev.callboard.client;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * The state of a call: ringing, then answered and ended, or one of declined, missed, cancelled,
 * failed. {@link #UNKNOWN} stands for any value a newer server may send.
 */
public enum CallStatus {
    RINGING, ANSWERED, ENDED, DECLINED, MISSED, CANCELLED, FAILED, @JsonEnumDefaultValue UNKNOWN;

    /** The name on the wire, e.g. {@code ringing}. */
    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
