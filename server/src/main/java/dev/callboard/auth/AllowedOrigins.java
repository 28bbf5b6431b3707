package dev.callboard.auth;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.List;
import java.util.Locale;

/**
 * The exact Origin allowlist for the WebSocket upgrade ({@code callboard.realtime.allowed-origins},
 * a comma-separated list). Only this key of {@code callboard.realtime} is bound here; the realtime
 * gateway binds the rest itself.
 */
@ConfigurationProperties("callboard.realtime")
public record AllowedOrigins(List<String> allowedOrigins) {
    public AllowedOrigins {
        allowedOrigins = allowedOrigins == null ? List.of() : allowedOrigins.stream()
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .map(AllowedOrigins::withoutTrailingSlash)
                .toList();
    }

    /** True only for an exact match of a configured entry (scheme, host and port; case-insensitive). */
    public boolean allows(String origin) {
        if (origin == null) return false;
        String candidate = origin.trim().toLowerCase(Locale.ROOT);
        return allowedOrigins.stream().anyMatch(a -> a.toLowerCase(Locale.ROOT).equals(candidate));
    }

    private static String withoutTrailingSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
