package dev.callboard.auth;

import dev.callboard.identity.CurrentUser;
import dev.callboard.identity.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Bearer tokens issued at login, stored only as SHA-256 in {@code auth_tokens}. Every check reads the
 * database (no cache), so a logout or an expiry takes effect at once on every node; the sockets a
 * token opened are closed by {@link Sessions}.
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

    /** A token for a password login, valid for {@code callboard.auth.token-ttl}. */
    public Issued issue(UUID userId) {
        Fresh t = fresh(properties.tokenTtl());
        jdbc.sql("INSERT INTO auth_tokens (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)")
                .params(SecretTokens.sha256(t.token()), userId, utc(t.createdAt()), utc(t.expiresAt()))
                .update();
        return new Issued(t.token(), t.expiresAt());
    }

    /**
     * A token the host backend minted with an API key: it dies with the key. Empty if the key was
     * revoked meanwhile (checked in the same statement, so a revocation never misses a token).
     */
    public Optional<Issued> issueMinted(UUID userId, UUID apiKeyId, Duration ttl) {
        Fresh t = fresh(ttl);
        int inserted = jdbc.sql("INSERT INTO auth_tokens (token_hash, user_id, created_at, expires_at, kind, api_key_id) "
                        + "SELECT ?, ?, ?, ?, 'minted', k.id FROM api_keys k WHERE k.id = ? AND k.revoked_at IS NULL FOR SHARE")
                .params(SecretTokens.sha256(t.token()), userId, utc(t.createdAt()), utc(t.expiresAt()), apiKeyId)
                .update();
        return inserted == 1 ? Optional.of(new Issued(t.token(), t.expiresAt())) : Optional.empty();
    }

    private record Fresh(String token, Instant createdAt, Instant expiresAt) {}

    private Fresh fresh(Duration ttl) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        return new Fresh(SecretTokens.newSecret(), now, now.plus(ttl));
    }

    /**
     * Makes a verified host-signed token a session, under its hash, until it expires; a token seen
     * before (or revoked: a logout) stays as it is.
     */
    void recordHostSession(byte[] tokenHash, UUID userId, Instant expiresAt) {
        jdbc.sql("INSERT INTO auth_tokens (token_hash, user_id, created_at, expires_at, kind) VALUES (?, ?, ?, ?, 'host_jwt') "
                        + "ON CONFLICT (token_hash) DO NOTHING")
                .params(tokenHash, userId, utc(clock.instant()), utc(expiresAt))
                .update();
    }

    /** Whether a token with this hash was seen and has been revoked (logout, deactivation, its API key revoked). */
    boolean isRevoked(byte[] tokenHash) {
        return jdbc.sql("SELECT count(*) FROM auth_tokens WHERE token_hash = ? AND revoked_at IS NOT NULL")
                .param(tokenHash).query(Long.class).single() > 0;
    }

    /** The token's session, if the token exists, is not revoked and has not expired. */
    public Optional<Session> authenticate(String token) {
        if (!SecretTokens.plausible(token)) return Optional.empty();
        return sessionOf(SecretTokens.sha256(token));
    }

    Optional<Session> sessionOf(byte[] hash) {
        return jdbc.sql("SELECT u.id, u.role, t.expires_at FROM auth_tokens t JOIN users u ON u.id = t.user_id "
                        + "WHERE t.token_hash = ? AND t.revoked_at IS NULL AND t.expires_at > ? AND u.active")
                .params(hash, utc(clock.instant()))
                .query((rs, i) -> new Session(sessionId(hash),
                        new CurrentUser(rs.getObject("id", UUID.class), Role.parse(rs.getString("role"))),
                        rs.getObject("expires_at", OffsetDateTime.class).toInstant()))
                .optional();
    }

    /**
     * Revokes the token; revoking an unknown or already revoked token is a no-op.
     *
     * @return the session it ended, if it was live until now
     */
    public Optional<Session> revoke(String token) {
        // a host-signed JWT is a session too, and longer than Callboard's own tokens
        if (token == null || token.isEmpty() || token.length() > HostTokens.MAX_LENGTH) return Optional.empty();
        byte[] hash = SecretTokens.sha256(token);
        return jdbc.sql("UPDATE auth_tokens t SET revoked_at = ? FROM users u "
                        + "WHERE t.token_hash = ? AND t.revoked_at IS NULL AND u.id = t.user_id "
                        + "RETURNING u.id, u.role, t.expires_at")
                .params(utc(clock.instant()), hash)
                .query((rs, i) -> new Session(sessionId(hash),
                        new CurrentUser(rs.getObject("id", UUID.class), Role.parse(rs.getString("role"))),
                        rs.getObject("expires_at", OffsetDateTime.class).toInstant()))
                .optional();
    }

    /** Revokes every token of the user (deactivated, or made to sign in again); returns how many were live. */
    public int revokeAllOf(UUID userId) {
        return jdbc.sql("UPDATE auth_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL")
                .params(utc(clock.instant()), userId)
                .update();
    }

    /** Revokes every token of the user but one; returns the sessions it ended. */
    public List<String> revokeAllOfExcept(UUID userId, String keptSessionId) {
        return jdbc.sql("UPDATE auth_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL "
                        + "AND token_hash <> decode(?, 'hex') RETURNING encode(token_hash, 'hex')")
                .params(utc(clock.instant()), userId, keptSessionId)
                .query(String.class).list();
    }

    /** Those of these sessions whose token still works (not revoked, not expired, not deleted). */
    public Set<String> stillValid(Collection<String> sessionIds) {
        if (sessionIds.isEmpty()) return Set.of();
        List<String> valid = jdbc.sql("SELECT encode(token_hash, 'hex') FROM auth_tokens "
                        + "WHERE token_hash = ANY(ARRAY(SELECT decode(h, 'hex') FROM unnest(?::text[]) h)) "
                        + "AND revoked_at IS NULL AND expires_at > ?")
                .params(sessionIds.toArray(String[]::new), utc(clock.instant()))
                .query(String.class).list();
        return new HashSet<>(valid);
    }

    static String sessionId(byte[] tokenHash) {
        return HexFormat.of().formatHex(tokenHash);
    }

    /** Deletes expired tokens (revoked ones stay until they expire, as an audit trail); returns how many. */
    public int deleteExpired() {
        return jdbc.sql("DELETE FROM auth_tokens WHERE expires_at <= ?").param(utc(clock.instant())).update();
    }

    static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
