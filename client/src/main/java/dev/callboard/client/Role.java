package dev.callboard.client;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** A user's role. {@link #UNKNOWN} stands for any value a newer server may send. */
public enum Role {
    ADMIN, CLIENT, @JsonEnumDefaultValue UNKNOWN;

    /** The name on the wire, e.g. {@code admin}. */
    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
