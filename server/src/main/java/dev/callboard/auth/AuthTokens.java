package dev.callboard.auth;

import dev.callboard.identity.CurrentUser;
import dev.callboard.identity.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

/**
 * Bearer tokens issued at login, stored only as SHA-256 in {@code auth_tokens}. Every check reads the
 * database (no cache), so a logout or an expiry takes effect at once on every node.
 */
@Component
public class AuthTokens {
    /** A freshly issued token; the secret is shown to the client once and never stored. */
    public record Issued(String token, Instant expiresAt) {}

    private final JdbcClient jdbc;
    private final Clock clock;
    private final AuthProperties properties;

    public AuthTokens(JdbcClient jdbc, Clock clock, AuthProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.properties = properties;
    }

    public Issued issue(UUID userId) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Instant expiresAt = now.plus(properties.tokenTtl());
        String token = SecretTokens.newSecret();
        jdbc.sql("INSERT INTO auth_tokens (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)")
                .params(SecretTokens.sha256(token), userId, utc(now), utc(expiresAt))
                .update();
        return new Issued(token, expiresAt);
    }

    /** The token's user, if the token exists, is not revoked and has not expired. */
    public Optional<CurrentUser> authenticate(String token) {
        if (!SecretTokens.plausible(token)) return Optional.empty();
        return jdbc.sql("SELECT u.id, u.role FROM auth_tokens t JOIN users u ON u.id = t.user_id "
                        + "WHERE t.token_hash = ? AND t.revoked_at IS NULL AND t.expires_at > ?")
                .params(SecretTokens.sha256(token), utc(clock.instant()))
                .query((rs, i) -> new CurrentUser(rs.getObject("id", UUID.class), Role.parse(rs.getString("role"))))
                .optional();
    }

    /** Revokes the token; revoking an unknown or already revoked token is a no-op. */
    public void revoke(String token) {
        if (!SecretTokens.plausible(token)) return;
        jdbc.sql("UPDATE auth_tokens SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL")
                .params(utc(clock.instant()), SecretTokens.sha256(token))
                .update();
    }

    /** Deletes expired tokens (revoked ones stay until they expire, as an audit trail); returns how many. */
    public int deleteExpired() {
        return jdbc.sql("DELETE FROM auth_tokens WHERE expires_at <= ?").param(utc(clock.instant())).update();
    }

    static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
