package dev.callboard.auth;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.List;
import java.util.Locale;

/**
 * The one Origin allowlist ({@code callboard.web.allowed-origins}, {@code CALLBOARD_ALLOWED_ORIGINS}, a
 * comma-separated list): who may open {@code /ws} and whom the REST API and the SDK answer across
 * origins (CORS). Only this key of {@code callboard.web} is bound here.
 */
@ConfigurationProperties("callboard.web")
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

    /**
     * A page served by this very server may always connect: the Origin names the host the request
     * was sent to. A cross-site page cannot forge that (its Origin is its own site), so this is as
     * safe as the allowlist and spares operators listing their own address.
     */
    public static boolean isSameOrigin(String origin, java.net.URI requestUri) {
        if (origin == null || requestUri == null || requestUri.getAuthority() == null) return false;
        String self = "http://" + requestUri.getAuthority();
        String secureSelf = "https://" + requestUri.getAuthority();
        String candidate = withoutTrailingSlash(origin.trim());
        return candidate.equalsIgnoreCase(self) || candidate.equalsIgnoreCase(secureSelf);
    }

    private static String withoutTrailingSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
