package dev.callboard.auth;

import dev.callboard.db.DatabaseProperties;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of {@code callboard.demo.*}.
 *
 * @param enabled  explicit on/off ({@code CALLBOARD_DEMO}); unset means "on with the embedded database only"
 * @param password the password of the demo accounts ({@code CALLBOARD_DEMO_PASSWORD}); a fixed,
 *                 documented default so a newcomer can log in at once
 */
@ConfigurationProperties("callboard.demo")
public record DemoProperties(Boolean enabled, String password) {
    public static final String DEFAULT_PASSWORD = "callboard-demo";

    public DemoProperties {
        if (password == null || password.isBlank()) password = DEFAULT_PASSWORD;
    }

    /** Explicit true/false wins; otherwise demo mode is on exactly when the database is the embedded one. */
    public boolean effectivelyEnabled(DatabaseProperties database) {
        return enabled != null ? enabled : database.embedded();
    }
}
