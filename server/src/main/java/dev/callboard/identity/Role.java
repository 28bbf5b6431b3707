package dev.callboard.identity;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.callboard.error.DomainException;

import java.util.Locale;

public enum Role {
    ADMIN, CLIENT;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Role parse(String value) {
        if (value != null) {
            for (Role r : values()) {
                if (r.wire().equals(value)) return r;
            }
        }
        throw DomainException.invalid("role must be 'admin' or 'client'");
    }
}
