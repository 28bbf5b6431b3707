package dev.callboard.client;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** A status the user sets by hand. {@link #UNKNOWN} stands for any value a newer server may send. */
public enum ManualStatus {
    AVAILABLE, BUSY, DO_NOT_DISTURB, BE_RIGHT_BACK, AWAY, APPEAR_OFFLINE, @JsonEnumDefaultValue UNKNOWN;

    /** The name on the wire, e.g. {@code appear_offline}. */
    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
