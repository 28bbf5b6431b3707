package dev.callboard.client;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The media of a call. {@link #UNKNOWN} stands for any value a newer server may send. */
public enum Media {
    AUDIO, VIDEO, @JsonEnumDefaultValue UNKNOWN;

    /** The name on the wire, e.g. {@code video}. */
    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
