package dev.callboard.presence;

import java.time.Instant;

/** A value that holds until {@code expiresAt} (never, when null). */
public record Expiring<T>(T value, Instant expiresAt) {

    public boolean activeAt(Instant now) {
        return expiresAt == null || now.isBefore(expiresAt);
    }

    /** The value if still active at {@code now}, else null. */
    public static <T> T valueAt(Expiring<T> e, Instant now) {
        return e != null && e.activeAt(now) ? e.value() : null;
    }
}
