package dev.callboard.presence;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Reads and writes {@code user_presence}. Never called per heartbeat. */
@Repository
public class PresenceStore {
    private static final String COLUMNS =
            "user_id, last_seen, manual_status, manual_status_expires_at, status_message, status_message_expires_at";
    private static final RowMapper<DurablePresence> ROW = (rs, i) -> new DurablePresence(
            manual(rs), message(rs), instant(rs, "last_seen"));

    /** One row of the write-behind: the aggregate status and last-seen time. */
    public record StatusRow(UUID userId, PresenceStatus status, Instant lastSeenAt, String deviceInfoJson) {}

    private final JdbcClient jdbc;

    public PresenceStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public DurablePresence load(UUID userId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM user_presence WHERE user_id = ?")
                .param(userId).query(ROW).optional().orElse(DurablePresence.NONE);
    }

    public Map<UUID, DurablePresence> loadAll(Collection<UUID> userIds) {
        Map<UUID, DurablePresence> result = new HashMap<>();
        if (userIds.isEmpty()) return result;
        jdbc.sql("SELECT " + COLUMNS + " FROM user_presence WHERE user_id = ANY(?)")
                .param(userIds.toArray(UUID[]::new))
                .query(rs -> { result.put(rs.getObject("user_id", UUID.class), ROW.mapRow(rs, 0)); });
        return result;
    }

    /**
     * How many answered calls the user is in, from the calls themselves: what a cluster node puts
     * back as the in-call count after the shared live state was lost.
     */
    public int answeredCalls(UUID userId) {
        return jdbc.sql("SELECT count(*) FROM call_attempts WHERE status = 'answered' AND (caller_id = :id OR callee_id = :id)")
                .param("id", userId).query(Integer.class).single();
    }

    /** Stores what the user chose (manual status and message); synchronous, the caller waits for it. */
    public void saveChoice(UUID userId, Expiring<ManualStatus> manual, Expiring<String> message, Instant now) {
        jdbc.sql("""
                INSERT INTO user_presence (user_id, manual_status, manual_status_expires_at,
                                           status_message, status_message_expires_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (user_id) DO UPDATE SET
                    manual_status = excluded.manual_status,
                    manual_status_expires_at = excluded.manual_status_expires_at,
                    status_message = excluded.status_message,
                    status_message_expires_at = excluded.status_message_expires_at,
                    updated_at = excluded.updated_at
                """)
                .params(userId,
                        manual == null ? null : manual.value().wire(),
                        manual == null ? null : ts(manual.expiresAt()),
                        message == null ? null : message.value(),
                        message == null ? null : ts(message.expiresAt()),
                        ts(now))
                .update();
    }

    /** {@link #saveChoice} and the aggregate status it leads to, in one statement. */
    public void saveChoiceAndStatus(UUID userId, Expiring<ManualStatus> manual, Expiring<String> message, StatusRow status, Instant now) {
        jdbc.sql("""
                INSERT INTO user_presence (user_id, manual_status, manual_status_expires_at,
                                           status_message, status_message_expires_at, status, last_seen, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (user_id) DO UPDATE SET
                    manual_status = excluded.manual_status,
                    manual_status_expires_at = excluded.manual_status_expires_at,
                    status_message = excluded.status_message,
                    status_message_expires_at = excluded.status_message_expires_at,
                    status = excluded.status,
                    last_seen = coalesce(excluded.last_seen, user_presence.last_seen),
                    updated_at = excluded.updated_at
                """)
                .params(userId,
                        manual == null ? null : manual.value().wire(),
                        manual == null ? null : ts(manual.expiresAt()),
                        message == null ? null : message.value(),
                        message == null ? null : ts(message.expiresAt()),
                        status.status().wire(),
                        ts(status.lastSeenAt()),
                        ts(now))
                .update();
    }

    /** Stores the write-behind's rows, one upsert each (a burst is already coalesced to one row per user). */
    public void saveStatuses(List<StatusRow> rows, Instant now) {
        for (StatusRow row : rows) {
            jdbc.sql("""
                    INSERT INTO user_presence (user_id, status, last_seen, device_info, updated_at)
                    VALUES (?, ?, ?, ?::jsonb, ?)
                    ON CONFLICT (user_id) DO UPDATE SET
                        status = excluded.status,
                        last_seen = coalesce(excluded.last_seen, user_presence.last_seen),
                        device_info = coalesce(excluded.device_info, user_presence.device_info),
                        updated_at = excluded.updated_at
                    """)
                    .params(row.userId(), row.status().wire(), ts(row.lastSeenAt()), row.deviceInfoJson(), ts(now))
                    .update();
        }
    }

    private static Expiring<ManualStatus> manual(ResultSet rs) throws SQLException {
        String status = rs.getString("manual_status");
        return status == null ? null : new Expiring<>(ManualStatus.parse(status), instant(rs, "manual_status_expires_at"));
    }

    private static Expiring<String> message(ResultSet rs) throws SQLException {
        String text = rs.getString("status_message");
        return text == null ? null : new Expiring<>(text, instant(rs, "status_message_expires_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }
}
