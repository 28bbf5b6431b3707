package dev.callboard.webhook;

import dev.callboard.error.DomainException;
import dev.callboard.identity.CurrentUser;
import dev.callboard.identity.Ids;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import java.net.URI;
import java.net.URISyntaxException;
import java.sql.Array;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * The admin API of webhook endpoints and their delivery log. An endpoint is a URL, the event types it
 * wants (all if none are named) and a signing secret, shown when it is created.
 */
@Service
public class WebhookEndpoints {
    /** What an endpoint may subscribe to; {@code presence.changed} is not sent (yet): see docs/webhooks.md. */
    public static final Set<String> EVENT_TYPES = Set.of("call.ringing", "call.answered", "call.declined",
            "call.cancelled", "call.missed", "call.ended", "call.failed", "missed_call.created",
            "user.created", "user.updated", "user.deactivated", "user.reactivated", "user.deleted");
    static final int MAX_URL_LENGTH = 2048;
    static final int MAX_DESCRIPTION_LENGTH = 200;
    static final int LOG_PAGE = 100;

    public record NewEndpoint(String url, List<String> eventTypes, String description) {}

    public record EndpointChange(String url, List<String> eventTypes, String description, Boolean enabled) {}

    /** An endpoint as the admin API shows it; {@code secret} only in the answer that created it. */
    public record Endpoint(UUID id, String url, List<String> eventTypes, String description, boolean enabled,
                           Instant createdAt, String secret) {}

    public record Delivery(long eventId, String eventType, UUID subjectId, String state, int attempts,
                           Instant nextAttemptAt, Integer lastStatus, String lastError, Instant deliveredAt,
                           Instant createdAt) {}

    private static final RowMapper<Endpoint> ENDPOINT = (rs, i) -> new Endpoint(rs.getObject("id", UUID.class),
            rs.getString("url"), types(rs.getArray("event_types")), rs.getString("description"), rs.getBoolean("enabled"),
            rs.getObject("created_at", OffsetDateTime.class).toInstant(), null);

    private final JdbcClient jdbc;
    private final Clock clock;

    public WebhookEndpoints(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Endpoint create(CurrentUser admin, NewEndpoint request) {
        admin.requireAdmin();
        String url = validUrl(request.url());
        String[] types = validTypes(request.eventTypes());
        String description = validDescription(request.description());
        String secret = WebhookSignature.newSecret();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        UUID id = jdbc.sql("INSERT INTO webhook_endpoints (url, secret, event_types, description, created_at) "
                        + "VALUES (?, ?, ?, ?, ?) RETURNING id")
                .params(url, secret, types, description, OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                .query(UUID.class).single();
        return new Endpoint(id, url, types == null ? null : List.of(types), description, true, now, secret);
    }

    public List<Endpoint> list(CurrentUser admin) {
        admin.requireAdmin();
        return jdbc.sql("SELECT * FROM webhook_endpoints ORDER BY created_at, id").query(ENDPOINT).list();
    }

    public Endpoint change(CurrentUser admin, String rawId, EndpointChange change) {
        admin.requireAdmin();
        UUID id = Ids.parseOrNotFound(rawId, "webhook endpoint");
        if (change.url() == null && change.eventTypes() == null && change.description() == null && change.enabled() == null) {
            throw DomainException.invalid("nothing to change: give url, eventTypes, description or enabled");
        }
        String url = change.url() == null ? null : validUrl(change.url());
        String[] types = change.eventTypes() == null ? null : validTypes(change.eventTypes());
        String description = change.description() == null ? null : validDescription(change.description());
        return jdbc.sql("UPDATE webhook_endpoints SET url = coalesce(?, url), "
                        + "event_types = CASE WHEN ? THEN ? ELSE event_types END, description = coalesce(?, description), "
                        + "enabled = coalesce(?, enabled) WHERE id = ? RETURNING *")
                .params(url, change.eventTypes() != null, types, description, change.enabled(), id)
                .query(ENDPOINT).optional()
                .orElseThrow(() -> DomainException.notFound("webhook endpoint"));
    }

    public void delete(CurrentUser admin, String rawId) {
        admin.requireAdmin();
        UUID id = Ids.parseOrNotFound(rawId, "webhook endpoint");
        if (jdbc.sql("DELETE FROM webhook_endpoints WHERE id = ?").param(id).update() == 0) {
            throw DomainException.notFound("webhook endpoint");
        }
    }

    /** The endpoint's latest deliveries, newest first. */
    public List<Delivery> deliveries(CurrentUser admin, String rawId) {
        admin.requireAdmin();
        UUID id = existing(rawId);
        return jdbc.sql("SELECT d.*, o.event_type, o.created_at FROM webhook_deliveries d JOIN webhook_outbox o ON o.id = d.event_id "
                        + "WHERE d.endpoint_id = ? ORDER BY d.event_id DESC LIMIT " + LOG_PAGE)
                .param(id)
                .query((rs, i) -> new Delivery(rs.getLong("event_id"), rs.getString("event_type"),
                        rs.getObject("subject_id", UUID.class), rs.getString("state"), rs.getInt("attempts"),
                        instant(rs.getObject("next_attempt_at", OffsetDateTime.class)),
                        (Integer) rs.getObject("last_status"), rs.getString("last_error"),
                        instant(rs.getObject("delivered_at", OffsetDateTime.class)),
                        instant(rs.getObject("created_at", OffsetDateTime.class))))
                .list();
    }

    /** Sends the event to this endpoint again, now (whatever became of it before). */
    public void replay(CurrentUser admin, String rawId, long eventId) {
        admin.requireAdmin();
        UUID id = existing(rawId);
        int found = jdbc.sql("UPDATE webhook_deliveries SET state = 'pending', attempts = 0, next_attempt_at = ?, "
                        + "delivered_at = NULL WHERE endpoint_id = ? AND event_id = ?")
                .params(OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC), id, eventId)
                .update();
        if (found == 0) throw DomainException.notFound("delivery");
    }

    private UUID existing(String rawId) {
        UUID id = Ids.parseOrNotFound(rawId, "webhook endpoint");
        boolean exists = jdbc.sql("SELECT count(*) FROM webhook_endpoints WHERE id = ?").param(id).query(Long.class).single() > 0;
        if (!exists) throw DomainException.notFound("webhook endpoint");
        return id;
    }

    static String validUrl(String raw) {
        String url = raw == null ? "" : raw.trim();
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (url.length() <= MAX_URL_LENGTH && (scheme.equals("https") || scheme.equals("http"))
                    && uri.getHost() != null && uri.getRawUserInfo() == null && uri.getRawFragment() == null) {
                return url;
            }
        } catch (URISyntaxException ignored) {
            // the error below
        }
        throw DomainException.invalid("url must be an http or https URL with a host, without user info or fragment");
    }

    static String[] validTypes(List<String> types) {
        if (types == null || types.isEmpty()) return null;
        for (String t : types) {
            if (t == null || !EVENT_TYPES.contains(t)) {
                throw DomainException.invalid("unknown event type '" + t + "'; known: " + EVENT_TYPES.stream().sorted().toList());
            }
        }
        return types.stream().distinct().sorted().toArray(String[]::new);
    }

    static String validDescription(String raw) {
        if (raw == null) return null;
        String d = raw.strip();
        if (d.length() > MAX_DESCRIPTION_LENGTH) throw DomainException.invalid("description must be at most " + MAX_DESCRIPTION_LENGTH + " characters");
        return d;
    }

    private static List<String> types(Array array) throws SQLException {
        return array == null ? null : Arrays.asList((String[]) array.getArray());
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }

}
