package dev.callboard.call;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class TurnCredentialsTest {

    @Test
    void signsWithHmacSha1InBase64() {
        // The well-known HMAC-SHA1 vector: de7c9b85b8b78aa6bc8a7a36f70a90701c9db4d9
        assertThat(TurnCredentials.sign("key", "The quick brown fox jumps over the lazy dog"))
                .isEqualTo("3nybhbi3iqa8ino29wqQcBydtNk=");
    }

    @Test
    void mintsCoturnRestApiCredentials() {
        // Expected value from: printf '%s' "$username" | openssl dgst -sha1 -hmac north-wind -binary | base64
        UUID user = UUID.fromString("6a9b5c1e-8a3f-4a7e-9d2b-0c1d2e3f4a5b");
        TurnCredentials.Credential c = TurnCredentials.mint("north-wind", user,
                Instant.parse("2026-01-02T09:00:00Z"), Duration.ofHours(1));
        assertThat(c.username()).isEqualTo("1767348000:6a9b5c1e-8a3f-4a7e-9d2b-0c1d2e3f4a5b");
        assertThat(c.credential()).isEqualTo("/8YrFVqmR5y89mpsckOW16Kr2gI=");
    }
}
