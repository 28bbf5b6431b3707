package dev.callboard.auth;

import dev.callboard.db.DatabaseProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Small pure pieces: header parsing, origins, secrets, property defaults. */
class AuthPrimitivesTest {

    @Test
    void bearerHeaderParsing() {
        assertThat(BearerToken.parse("Bearer abc")).contains("abc");
        assertThat(BearerToken.parse("bearer  abc ")).contains("abc");
        assertThat(BearerToken.parse("BEARER abc")).contains("abc");
        assertThat(BearerToken.parse(null)).isEmpty();
        assertThat(BearerToken.parse("Bearer")).isEmpty();
        assertThat(BearerToken.parse("Bearer    ")).isEmpty();
        assertThat(BearerToken.parse("Basic abc")).isEmpty();
        assertThat(BearerToken.parse("Bearerabc")).isEmpty();
    }

    @Test
    void originsMatchExactly() {
        AllowedOrigins origins = new AllowedOrigins(List.of(" http://localhost:8080 ", "https://app.example.com/", ""));
        assertThat(origins.allowedOrigins()).containsExactly("http://localhost:8080", "https://app.example.com");
        assertThat(origins.allows("http://localhost:8080")).isTrue();
        assertThat(origins.allows("https://app.example.com")).isTrue();
        assertThat(origins.allows("HTTPS://APP.EXAMPLE.COM")).isTrue();
        assertThat(origins.allows("http://app.example.com")).isFalse();
        assertThat(origins.allows("https://app.example.com.evil.io")).isFalse();
        assertThat(origins.allows("https://evil.io/https://app.example.com")).isFalse();
        assertThat(origins.allows("http://localhost")).isFalse();
        assertThat(origins.allows("null")).isFalse();
        assertThat(origins.allows(null)).isFalse();
        assertThat(new AllowedOrigins(null).allows("http://localhost:8080")).isFalse();
    }

    @Test
    void originsBindFromACommaSeparatedList() {
        AllowedOrigins bound = bind(Map.of("callboard.web.allowed-origins", "http://a.io, http://b.io:8080"),
                "callboard.web", AllowedOrigins.class);
        assertThat(bound.allowedOrigins()).containsExactly("http://a.io", "http://b.io:8080");
    }

    @Test
    void secretsAreRandom256BitBase64Url() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String s = SecretTokens.newSecret();
            assertThat(s).matches("[A-Za-z0-9_-]{43}");
            assertThat(seen.add(s)).isTrue();
        }
        assertThat(SecretTokens.sha256("abc")).hasSize(32);
        assertThat(SecretTokens.plausible("x".repeat(129))).isFalse();
        assertThat(SecretTokens.plausible("")).isFalse();
    }

    @Test
    void authPropertyDefaults() {
        AuthProperties p = bind(Map.of("callboard.auth.admin-email", ""), "callboard.auth", AuthProperties.class);
        assertThat(p.tokenTtl()).isEqualTo(Duration.ofHours(12));
        assertThat(p.ticketTtl()).isEqualTo(Duration.ofSeconds(30));
        assertThat(p.loginAttemptsPerMinute()).isEqualTo(10);
        assertThat(p.loginAttemptsPerIpPerMinute()).isEqualTo(50);
        assertThat(p.firstAdminConfigured()).isFalse();
    }

    @Test
    void demoModeFollowsTheDatabaseUnlessSetExplicitly() {
        DatabaseProperties embedded = new DatabaseProperties("", null, 0, 0, null);
        DatabaseProperties external = new DatabaseProperties("postgres://db/callboard", null, 0, 0, null);
        DemoProperties unset = bind(Map.of("callboard.demo.enabled", ""), "callboard.demo", DemoProperties.class);

        assertThat(unset.enabled()).as("CALLBOARD_DEMO unset binds to null").isNull();
        assertThat(unset.password()).isEqualTo(DemoProperties.DEFAULT_PASSWORD);
        assertThat(unset.effectivelyEnabled(embedded)).isTrue();
        assertThat(unset.effectivelyEnabled(external)).isFalse();
        assertThat(new DemoProperties(false, null).effectivelyEnabled(embedded)).isFalse();
        assertThat(new DemoProperties(true, null).effectivelyEnabled(external)).isTrue();
    }

    private static <T> T bind(Map<String, String> values, String prefix, Class<T> type) {
        return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate(prefix, type);
    }
}
