package dev.callboard.auth;

import dev.callboard.error.DomainException;
import dev.callboard.identity.ApiKeyCaller;
import dev.callboard.identity.CurrentUser;
import dev.callboard.identity.Ids;
import dev.callboard.messaging.EventBus;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static dev.callboard.auth.AuthTokens.utc;

/**
 * Server credentials of the host app's backend ({@code cbk_...}): an admin creates one with a name,
 * sees the secret once, and may revoke it; only its SHA-256 is stored. Revoking a key also revokes
 * every token minted with it and closes their sockets.
 */
@Component
public class ApiKeys {
    public static final String PREFIX = "cbk_";
    static final int MAX_NAME_LENGTH = 100;
    /** last_used_at is a hint for the admin, not an audit log: written at most once a minute per key. */
    static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

    /** An API key as the admin API shows it: never the secret. */
    public record ApiKey(UUID id, String name, Instant createdAt, Instant lastUsedAt, Instant revokedAt) {}

    /** A new key: the secret is in this answer and nowhere else. */
    public record Created(UUID id, String name, Instant createdAt, String key) {}

    private static final RowMapper<ApiKey> KEY = (rs, i) -> new ApiKey(rs.getObject("id", UUID.class),
            rs.getString("name"), instant(rs.getObject("created_at", OffsetDateTime.class)),
            instant(rs.getObject("last_used_at", OffsetDateTime.class)),
            instant(rs.getObject("revoked_at", OffsetDateTime.class)));

    private final JdbcClient jdbc;
    private final Clock clock;
    private final EventBus bus;

    public ApiKeys(JdbcClient jdbc, Clock clock, EventBus bus) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.bus = bus;
    }

    public Created create(CurrentUser admin, String rawName) {
        admin.requireAdmin();
        String name = rawName == null ? "" : rawName.strip();
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH || name.chars().anyMatch(Character::isISOControl)) {
            throw DomainException.invalid("name must be 1 to " + MAX_NAME_LENGTH + " characters");
        }
        String key = PREFIX + SecretTokens.newSecret();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        UUID id = jdbc.sql("INSERT INTO api_keys (name, key_hash, created_by, created_at) VALUES (?, ?, ?, ?) RETURNING id")
                .params(name, SecretTokens.sha256(key), admin.id(), utc(now))
                .query(UUID.class).single();
        return new Created(id, name, now, key);
    }

    public List<ApiKey> list(CurrentUser admin) {
        admin.requireAdmin();
        return jdbc.sql("SELECT id, name, created_at, last_used_at, revoked_at FROM api_keys ORDER BY created_at, id")
                .query(KEY).list();
    }

    /** Revokes the key and the tokens minted with it; revoking a revoked key changes nothing. 404 if unknown. */
    public void revoke(CurrentUser admin, String rawId) {
        admin.requireAdmin();
        UUID id = Ids.parseOrNotFound(rawId, "API key");
        OffsetDateTime now = utc(clock.instant());
        int found = jdbc.sql("UPDATE api_keys SET revoked_at = coalesce(revoked_at, ?) WHERE id = ?").params(now, id).update();
        if (found == 0) throw DomainException.notFound("API key");
        record Ended(UUID userId, String sessionId) {}
        jdbc.sql("UPDATE auth_tokens SET revoked_at = ? WHERE api_key_id = ? AND revoked_at IS NULL RETURNING user_id, token_hash")
                .params(now, id)
                .query((rs, i) -> new Ended(rs.getObject("user_id", UUID.class), AuthTokens.sessionId(rs.getBytes("token_hash"))))
                .list()
                .forEach(e -> bus.closeSessions(e.userId(), e.sessionId()));
    }

    public static boolean looksLikeKey(String bearer) {
        return bearer.startsWith(PREFIX);
    }

    /** The key's caller if it exists and is not revoked. */
    public Optional<ApiKeyCaller> authenticate(String key) {
        if (!looksLikeKey(key) || !SecretTokens.plausible(key)) return Optional.empty();
        OffsetDateTime now = utc(clock.instant());
        return jdbc.sql("WITH k AS (SELECT id, name, last_used_at FROM api_keys WHERE key_hash = ? AND revoked_at IS NULL), "
                        + "touched AS (UPDATE api_keys SET last_used_at = ? FROM k WHERE api_keys.id = k.id "
                        + "    AND (k.last_used_at IS NULL OR k.last_used_at < ?) RETURNING api_keys.id) "
                        + "SELECT id, name FROM k")
                .params(SecretTokens.sha256(key), now, now.minus(LAST_USED_RESOLUTION))
                .query((rs, i) -> new ApiKeyCaller(rs.getObject("id", UUID.class), rs.getString("name")))
                .optional();
    }


    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }
}
