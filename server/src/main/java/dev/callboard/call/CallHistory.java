package dev.callboard.call;

import dev.callboard.directory.UserRepository;
import dev.callboard.error.DomainException;
import dev.callboard.identity.CurrentUser;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static dev.callboard.call.CallRepository.ts;

/**
 * A user's calls, newest first, keyset-paged. A user reads his own history; an admin may read
 * anyone's. Since a client can only ever call or be called by admins, his history never shows
 * another client.
 */
@Service
public class CallHistory {
    public enum Direction { INCOMING, OUTGOING }

    public record Page(List<Call> items, String nextCursor) {}

    private static final String VIEW = "SELECT c.*, cr.display_name AS caller_name, cr.avatar_url AS caller_avatar, "
            + "ce.display_name AS callee_name, ce.avatar_url AS callee_avatar FROM call_attempts c "
            + "JOIN users cr ON cr.id = c.caller_id JOIN users ce ON ce.id = c.callee_id";

    private final JdbcClient jdbc;
    private final UserRepository users;

    public CallHistory(JdbcClient jdbc, UserRepository users) {
        this.jdbc = jdbc;
        this.users = users;
    }

    public Page list(CurrentUser viewer, UUID userId, String direction, String statuses, String cursor, Integer limit) {
        UUID subject = subject(viewer, userId);
        Direction dir = direction(direction);
        List<String> wanted = statuses(statuses);
        PageCursor after = PageCursor.decode(cursor);
        int size = PageCursor.limit(limit);

        StringBuilder sql = new StringBuilder(VIEW).append(" WHERE ");
        List<Object> params = new ArrayList<>();
        if (dir == Direction.INCOMING) {
            sql.append("c.callee_id = ?");
            params.add(subject);
        } else if (dir == Direction.OUTGOING) {
            sql.append("c.caller_id = ?");
            params.add(subject);
        } else {
            sql.append("(c.caller_id = ? OR c.callee_id = ?)");
            params.add(subject);
            params.add(subject);
        }
        if (!wanted.isEmpty()) {
            sql.append(" AND c.status = ANY(?)");
            params.add(wanted.toArray(String[]::new));
        }
        if (after != null) {
            sql.append(" AND (c.started_at, c.id) < (?, ?)");
            params.add(ts(after.at()));
            params.add(after.id());
        }
        sql.append(" ORDER BY c.started_at DESC, c.id DESC LIMIT ?");
        params.add(size + 1);
        List<Call> rows = jdbc.sql(sql.toString()).params(params).query(CallRepository.CALL).list();
        if (rows.size() <= size) return new Page(rows, null);
        List<Call> items = rows.subList(0, size);
        Call last = items.getLast();
        return new Page(List.copyOf(items), new PageCursor(last.startedAt(), last.id()).encode());
    }

    private UUID subject(CurrentUser viewer, UUID userId) {
        if (userId == null || userId.equals(viewer.id())) return viewer.id();
        // Refused for every id alike, so a client learns nothing about which ids exist.
        if (!viewer.isAdmin()) throw DomainException.forbidden("only admins may read another user's call history");
        return users.findById(userId).orElseThrow(() -> DomainException.notFound("user")).id();
    }

    private static Direction direction(String value) {
        if (value == null || value.isBlank()) return null;
        return switch (value) {
            case "incoming" -> Direction.INCOMING;
            case "outgoing" -> Direction.OUTGOING;
            default -> throw DomainException.invalid("direction must be 'incoming' or 'outgoing'");
        };
    }

    /** One status or several separated by commas, e.g. {@code missed,cancelled}. */
    private static List<String> statuses(String value) {
        if (value == null || value.isBlank()) return List.of();
        return Arrays.stream(value.split(",")).map(String::trim).map(s -> CallStatus.parse(s).wire()).toList();
    }
}
