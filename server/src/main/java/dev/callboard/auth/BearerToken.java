package dev.callboard.auth;

import java.util.Optional;

/** Reads the token of an {@code Authorization: Bearer <token>} header (scheme case-insensitive, RFC 6750). */
public final class BearerToken {
    private static final String PREFIX = "bearer ";

    private BearerToken() {}

    /** @param header the {@code Authorization} header's value, or null */
    public static Optional<String> parse(String header) {
        if (header == null || header.length() <= PREFIX.length()
                || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return Optional.empty();
        }
        String token = header.substring(PREFIX.length()).trim();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }
}
