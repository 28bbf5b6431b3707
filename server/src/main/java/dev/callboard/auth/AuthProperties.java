package dev.callboard.auth;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * Settings of {@code callboard.auth.*}.
 *
 * @param tokenTtl                     lifetime of a bearer token issued at login (default 12h)
 * @param ticketTtl                    lifetime of a single-use WebSocket ticket (default 30s)
 * @param loginAttemptsPerMinute       failed login attempts allowed per email address per minute (default 10)
 * @param loginAttemptsPerIpPerMinute  failed login attempts allowed per client IP per minute (default 50,
 *                                     higher than per email because offices share one NAT address)
 * @param adminEmail                   first admin created at start-up if missing ({@code CALLBOARD_ADMIN_EMAIL})
 * @param adminPassword                that admin's initial password ({@code CALLBOARD_ADMIN_PASSWORD})
 */
@ConfigurationProperties("callboard.auth")
public record AuthProperties(Duration tokenTtl,
                             Duration ticketTtl,
                             int loginAttemptsPerMinute,
                             int loginAttemptsPerIpPerMinute,
                             String adminEmail,
                             String adminPassword) {
    public AuthProperties {
        if (tokenTtl == null || tokenTtl.isNegative() || tokenTtl.isZero()) tokenTtl = Duration.ofHours(12);
        if (ticketTtl == null || ticketTtl.isNegative() || ticketTtl.isZero()) ticketTtl = Duration.ofSeconds(30);
        if (loginAttemptsPerMinute <= 0) loginAttemptsPerMinute = 10;
        if (loginAttemptsPerIpPerMinute <= 0) loginAttemptsPerIpPerMinute = 50;
    }

    /** Whether a first admin is configured (both email and password given). */
    public boolean firstAdminConfigured() {
        return adminEmail != null && !adminEmail.isBlank() && adminPassword != null && !adminPassword.isBlank();
    }
}
