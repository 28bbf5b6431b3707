package dev.callboard.identity;

import dev.callboard.error.DomainException;

import java.util.UUID;

/** Ids from a URL or a body: one that is not even a UUID is reported exactly like an unknown one (404). */
public final class Ids {
    private Ids() {}

    /** @param what what the id names, for the {@code not_found} message ("user", "API key") */
    public static UUID parseOrNotFound(String raw, String what) {
        try {
            return UUID.fromString(raw);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw DomainException.notFound(what);
        }
    }
}
