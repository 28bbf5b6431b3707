package dev.callboard.call;

import dev.callboard.outbox.Outbox;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * SQL for {@code call_attempts}. Every state change is one conditional UPDATE guarded by the
 * expected current status, so of two concurrent moves exactly one matches a row; the loser gets
 * an empty result and reports a conflict. Reads join the parties' names. Each change also writes
 * its webhook event ({@link Outbox}) in the same statement.
 */
@Repository
public class CallRepository {
    /** Wraps a statement that yields call rows (alias {@code c}) with the parties' names. */
    private static final String VIEW = "SELECT c.*, cr.display_name AS caller_name, cr.avatar_url AS caller_avatar, "
            + "ce.display_name AS callee_name, ce.avatar_url AS callee_avatar FROM %s c "
            + "JOIN users cr ON cr.id = c.caller_id JOIN users ce ON ce.id = c.callee_id";

    static final RowMapper<Call> CALL = CallRepository::map;

    /** Every transition is also a webhook event ({@code call.ringing}, {@code call.answered}, ...), in the same statement. */
    private static final String CALL_EVENT = Outbox.cte("call",
            "c JOIN users cr ON cr.id = c.caller_id JOIN users ce ON ce.id = c.callee_id",
            "'call.' || c.status", "c.id",
            "jsonb_build_object('call', jsonb_build_object('id', c.id, 'callerId', c.caller_id, "
                    + "'callerExternalId', cr.external_id, 'calleeId', c.callee_id, 'calleeExternalId', ce.external_id, "
                    + "'media', c.call_type, 'status', c.status, 'reason', c.reason, 'startedAt', c.started_at, "
                    + "'answeredAt', c.answered_at, 'endedAt', c.ended_at, 'durationSeconds', c.duration_seconds))");

    private final JdbcClient jdbc;

    public CallRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A new call row; {@code ringDeadline} is null unless it starts ringing. */
    public record NewCall(UUID id, UUID callerId, UUID calleeId, Media media, CallStatus status,
                          HangupReason reason, Instant startedAt, Instant ringDeadline,
                          String idempotencyKey, UUID replacedBy) {}

    public Call insert(NewCall n) {
        String insert = "INSERT INTO call_attempts (id, caller_id, callee_id, call_type, status, reason, started_at, "
                + "ring_deadline, ended_at, idempotency_key, replaced_by) VALUES (?,?,?,?,?,?,?,?,?,?,?) RETURNING *";
        return jdbc.sql("WITH c AS (" + insert + ")" + CALL_EVENT + " " + VIEW.formatted("c"))
                .params(n.id(), n.callerId(), n.calleeId(), n.media().wire(), n.status().wire(),
                        n.reason() == null ? null : n.reason().wire(), ts(n.startedAt()), ts(n.ringDeadline()),
                        n.status().isTerminal() ? ts(n.startedAt()) : null, n.idempotencyKey(), n.replacedBy())
                .query(CALL).single();
    }

    public Optional<Call> find(UUID id) {
        return jdbc.sql(VIEW.formatted("call_attempts") + " WHERE c.id = ?").param(id).query(CALL).optional();
    }

    /**
     * Serializes call set-up between two people (in either direction) until the transaction ends,
     * so glare and duplicate checks see each other's rows.
     */
    public void lockPair(UUID a, UUID b) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(LEAST(?::uuid, ?::uuid)::text "
                        + "|| GREATEST(?::uuid, ?::uuid)::text, 20))")
                .params(a, b, a, b).query((rs, i) -> 1).list();
    }

    public Optional<Call> findByIdempotencyKey(UUID callerId, String key) {
        return jdbc.sql(VIEW.formatted("call_attempts") + " WHERE c.caller_id = ? AND c.idempotency_key = ?")
                .params(callerId, key).query(CALL).optional();
    }

    /**
     * The ringing call from caller to callee, locked until the transaction ends so that neither
     * the sweeper nor an answer moves it while call set-up decides based on it.
     */
    public Optional<Call> lockRinging(UUID callerId, UUID calleeId) {
        return jdbc.sql(VIEW.formatted("call_attempts")
                        + " WHERE c.caller_id = ? AND c.callee_id = ? AND c.status = 'ringing' FOR UPDATE OF c")
                .params(callerId, calleeId).query(CALL).optional();
    }

    /** ringing → answered by one device; empty if the call was not ringing any more. */
    public Optional<Call> answer(UUID id, String deviceId, Instant now) {
        return update("status = 'answered', answered_at = ?, answered_device_id = ?",
                id, CallStatus.RINGING, ts(now), deviceId);
    }

    /**
     * Moves a call out of {@code from} into a terminal status. Duration counts whole seconds from
     * the answer, and only for calls that were answered.
     */
    public Optional<Call> finish(UUID id, CallStatus from, CallStatus to, HangupReason reason, Instant now) {
        from.transition(to);
        return update("status = ?, reason = ?, ended_at = ?, duration_seconds = CASE WHEN answered_at IS NULL "
                        + "THEN NULL ELSE floor(extract(epoch FROM (?::timestamptz - answered_at)))::int END",
                id, from, to.wire(), reason.wire(), ts(now), ts(now));
    }

    /** Glare: the losing ringing call is cancelled and points at the survivor. */
    public Optional<Call> replace(UUID id, UUID survivorId, Instant now) {
        return update("status = 'cancelled', reason = 'glare', ended_at = ?, replaced_by = ?",
                id, CallStatus.RINGING, ts(now), survivorId);
    }

    /**
     * Pins the caller's signalling device the first time it signals. Empty when the call is over
     * or another of the caller's devices holds it; otherwise the call as it is now.
     */
    public Optional<Call> pinCallerDevice(UUID id, String deviceId) {
        String sql = "UPDATE call_attempts SET caller_device_id = ? WHERE id = ? AND status IN ('ringing', 'answered') "
                + "AND (caller_device_id IS NULL OR caller_device_id = ?) RETURNING *";
        return jdbc.sql("WITH c AS (" + sql + ") " + VIEW.formatted("c")).params(deviceId, id, deviceId)
                .query(CALL).optional();
    }

    /** Ringing calls past their deadline, locked; rows another node is already ending are skipped. */
    public List<UUID> lockOverdueRinging(Instant now, int limit) {
        return jdbc.sql("SELECT id FROM call_attempts WHERE status = 'ringing' AND ring_deadline <= ? "
                        + "ORDER BY ring_deadline LIMIT ? FOR UPDATE SKIP LOCKED")
                .params(ts(now), limit).query((rs, i) -> rs.getObject(1, UUID.class)).list();
    }

    /** Answered calls, oldest first, for the abandoned-call check. */
    public List<Call> answered(int limit) {
        return jdbc.sql(VIEW.formatted("call_attempts") + " WHERE c.status = 'answered' ORDER BY c.answered_at LIMIT ?")
                .param(limit).query(CALL).list();
    }

    /** Ringing and answered calls the user takes part in, oldest first. */
    public List<Call> active(UUID userId) {
        return jdbc.sql(VIEW.formatted("call_attempts") + " WHERE (c.caller_id = ? OR c.callee_id = ?) "
                        + "AND c.status IN ('ringing', 'answered') ORDER BY c.started_at, c.id")
                .params(userId, userId).query(CALL).list();
    }

    private Optional<Call> update(String set, UUID id, CallStatus from, Object... setParams) {
        Object[] params = new Object[setParams.length + 2];
        System.arraycopy(setParams, 0, params, 0, setParams.length);
        params[setParams.length] = id;
        params[setParams.length + 1] = from.wire();
        String sql = "UPDATE call_attempts SET " + set + " WHERE id = ? AND status = ? RETURNING *";
        return jdbc.sql("WITH c AS (" + sql + ")" + CALL_EVENT + " " + VIEW.formatted("c")).params(params).query(CALL).optional();
    }

    /** timestamptz parameters go as OffsetDateTime so the JVM's time zone never matters. */
    public static OffsetDateTime ts(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static Call map(ResultSet rs, int row) throws SQLException {
        String reason = rs.getString("reason");
        return new Call(
                rs.getObject("id", UUID.class),
                rs.getObject("caller_id", UUID.class),
                rs.getObject("callee_id", UUID.class),
                Media.parse(rs.getString("call_type")),
                CallStatus.parse(rs.getString("status")),
                reason == null ? null : HangupReason.parse(reason),
                instant(rs, "started_at"),
                instant(rs, "ring_deadline"),
                instant(rs, "answered_at"),
                instant(rs, "ended_at"),
                rs.getObject("duration_seconds", Integer.class),
                rs.getString("answered_device_id"),
                rs.getString("caller_device_id"),
                rs.getObject("replaced_by", UUID.class),
                rs.getString("caller_name"),
                rs.getString("caller_avatar"),
                rs.getString("callee_name"),
                rs.getString("callee_avatar"));
    }
}
