package dev.callboard.auth;

import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;

import java.util.Optional;

/** Reads {@code Authorization: Bearer <token>} (scheme case-insensitive, RFC 6750). */
public final class BearerToken {
    private static final String PREFIX = "bearer ";

    private BearerToken() {}

    public static Optional<String> from(ServerHttpRequest request) {
        return parse(request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION));
    }

    static Optional<String> parse(String header) {
        if (header == null || header.length() <= PREFIX.length()
                || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return Optional.empty();
        }
        String token = header.substring(PREFIX.length()).trim();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }
}
