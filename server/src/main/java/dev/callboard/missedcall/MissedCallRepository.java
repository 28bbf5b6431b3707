package dev.callboard.missedcall;

import dev.callboard.call.Call;
import dev.callboard.call.HangupReason;
import dev.callboard.call.Media;
import dev.callboard.call.PageCursor;
import dev.callboard.outbox.Outbox;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static dev.callboard.call.CallRepository.instant;
import static dev.callboard.call.CallRepository.ts;

/** SQL for {@code missed_calls}; the unique {@code call_id} keeps it to one record per call. */
@Repository
public class MissedCallRepository {
    private static final String VIEW = "SELECT m.*, u.display_name AS caller_name, u.avatar_url AS caller_avatar "
            + "FROM %s m JOIN users u ON u.id = m.caller_id";
    private static final RowMapper<MissedCall> MISSED = (rs, i) -> new MissedCall(
            rs.getObject("id", UUID.class),
            rs.getObject("call_id", UUID.class),
            rs.getObject("caller_id", UUID.class),
            rs.getString("caller_name"),
            rs.getString("caller_avatar"),
            rs.getObject("callee_id", UUID.class),
            Media.parse(rs.getString("call_type")),
            HangupReason.parse(rs.getString("reason")),
            instant(rs, "attempted_at"),
            instant(rs, "seen_at"));

    private final JdbcClient jdbc;

    public MissedCallRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records that the callee missed this call. Must run in the transaction that moved the call,
     * so the record exists exactly when the transition does.
     */
    private static final String MISSED_CALL_EVENT = Outbox.cte("missed_call",
            "m JOIN users cr ON cr.id = m.caller_id JOIN users ce ON ce.id = m.callee_id",
            "'missed_call.created'", "m.call_id",
            "jsonb_build_object('missedCall', jsonb_build_object('id', m.id, 'callId', m.call_id, 'callerId', m.caller_id, "
                    + "'callerExternalId', cr.external_id, 'calleeId', m.callee_id, 'calleeExternalId', ce.external_id, "
                    + "'media', m.call_type, 'reason', m.reason, 'attemptedAt', m.attempted_at))");

    public UUID insert(Call call, HangupReason reason) {
        return jdbc.sql("WITH m AS (INSERT INTO missed_calls (call_id, caller_id, callee_id, call_type, reason, attempted_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?) RETURNING *)" + MISSED_CALL_EVENT + " SELECT id FROM m")
                .params(call.id(), call.callerId(), call.calleeId(), call.media().wire(), reason.wire(),
                        ts(call.startedAt()))
                .query(UUID.class).single();
    }

    public Optional<MissedCall> find(UUID id) {
        return jdbc.sql(VIEW.formatted("missed_calls") + " WHERE m.id = ?").param(id).query(MISSED).optional();
    }

    /** The callee's records, newest first, after {@code cursor}. */
    public List<MissedCall> list(UUID calleeId, boolean unseenOnly, PageCursor cursor, int limit) {
        StringBuilder sql = new StringBuilder(VIEW.formatted("missed_calls")).append(" WHERE m.callee_id = ?");
        if (unseenOnly) sql.append(" AND m.seen_at IS NULL");
        if (cursor != null) sql.append(" AND (m.attempted_at, m.id) < (?, ?)");
        sql.append(" ORDER BY m.attempted_at DESC, m.id DESC LIMIT ?");
        var spec = jdbc.sql(sql.toString()).param(calleeId);
        if (cursor != null) spec = spec.param(ts(cursor.at())).param(cursor.id());
        return spec.param(limit).query(MISSED).list();
    }

    public int unseenCount(UUID calleeId) {
        return jdbc.sql("SELECT count(*) FROM missed_calls WHERE callee_id = ? AND seen_at IS NULL")
                .param(calleeId).query(Integer.class).single();
    }

    /** @return whether the record exists and belongs to the callee (seen before or now) */
    public boolean markSeen(UUID id, UUID calleeId, Instant now) {
        return jdbc.sql("UPDATE missed_calls SET seen_at = COALESCE(seen_at, ?) WHERE id = ? AND callee_id = ?")
                .params(ts(now), id, calleeId).update() == 1;
    }

    public int markAllSeen(UUID calleeId, Instant now) {
        return jdbc.sql("UPDATE missed_calls SET seen_at = ? WHERE callee_id = ? AND seen_at IS NULL")
                .params(ts(now), calleeId).update();
    }

    public int deleteAttemptedBefore(Instant cutoff) {
        return jdbc.sql("DELETE FROM missed_calls WHERE attempted_at < ?").param(ts(cutoff)).update();
    }
}
