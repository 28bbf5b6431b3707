package dev.callboard.call;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.callboard.error.DomainException;

import java.util.Locale;

/** What the call carries; stored as {@code call_type}. */
public enum Media {
    AUDIO, VIDEO;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Media parse(String value) {
        for (Media m : values()) {
            if (m.wire().equals(value)) return m;
        }
        throw DomainException.invalid("media must be 'audio' or 'video'");
    }
}
