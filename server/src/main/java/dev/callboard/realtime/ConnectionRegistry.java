package dev.callboard.realtime;

import dev.callboard.identity.Role;
import dev.callboard.presence.DeviceDropListener;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.socket.CloseStatus;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/** The connections open on this node, by user and by role, for fan-out. */
@Component
public class ConnectionRegistry implements DeviceDropListener {
    public static final CloseStatus HEARTBEAT_TIMEOUT = new CloseStatus(4000, "heartbeat timeout");
    public static final CloseStatus TAB_CLOSED = new CloseStatus(1001, "beacon: tab closed");
    public static final CloseStatus REPLACED = new CloseStatus(4001, "replaced by a newer connection of this device");
    public static final CloseStatus SESSION_ENDED = new CloseStatus(4003, "session ended");
    public static final CloseStatus TOO_MANY = new CloseStatus(4002, "too many connections of this user");
    private static final Connection[] NONE = new Connection[0];
    /** Far longer than a socket takes from its session's lookup to {@link #add}. */
    private static final long REMEMBER_ENDS_NANOS = 30_000_000_000L;

    /** A {@link #closeSessions} call: that session ({@code null}: every session of the user) ended then. */
    private record SessionEnd(String sessionId, long atNanos) {}

    private final Map<UUID, Connection[]> byUser = new ConcurrentHashMap<>();
    /** Each list is replaced, never changed, so readers need no lock. */
    private final Map<UUID, List<SessionEnd>> recentEnds = new ConcurrentHashMap<>();
    /** For fan-out to everyone of a role (see {@code VisibilityPolicy.rolesThatSee}). */
    private final Map<Role, Set<Connection>> byRole = new EnumMap<>(Role.class);

    private final int maxPerUser;

    public ConnectionRegistry(RealtimeProperties properties) {
        this.maxPerUser = properties.maxSocketsPerUser();
        for (Role role : Role.values()) byRole.put(role, ConcurrentHashMap.newKeySet());
    }

    /**
     * Adds the connection. An older connection of the same device is closed (it is being replaced,
     * 4001); if the user then has more than his share, his oldest connection gives way (4002).
     */
    public void add(Connection c) {
        Connection[] replaced = new Connection[1];
        Connection[] evicted = new Connection[1];
        byUser.compute(c.user().id(), (id, current) -> {
            Connection[] list = current == null ? NONE : current;
            for (Connection old : list) {
                if (old.deviceId().equals(c.deviceId())) replaced[0] = old;
            }
            Connection[] next = Arrays.stream(list).filter(o -> o != replaced[0]).toArray(Connection[]::new);
            if (next.length >= maxPerUser) {
                evicted[0] = next[0]; // the oldest: connections are appended in order
                next = Arrays.copyOfRange(next, 1, next.length);
            }
            next = Arrays.copyOf(next, next.length + 1);
            next[next.length - 1] = c;
            // The role sets change with the user's list, under its lock: a remove racing this add
            // can never leave a connection in one and not the other.
            Set<Connection> sameRole = byRole.get(c.user().role());
            sameRole.add(c);
            if (replaced[0] != null) sameRole.remove(replaced[0]);
            if (evicted[0] != null) sameRole.remove(evicted[0]);
            return next;
        });
        if (replaced[0] != null) replaced[0].close(REPLACED);
        if (evicted[0] != null) evicted[0].close(TOO_MANY);
    }

    /** @return whether it was still registered */
    public boolean remove(Connection c) {
        boolean[] removed = new boolean[1];
        byUser.compute(c.user().id(), (id, list) -> {
            byRole.get(c.user().role()).remove(c);
            if (list == null) return null;
            Connection[] next = Arrays.stream(list).filter(o -> o != c).toArray(Connection[]::new);
            removed[0] = next.length != list.length;
            return next.length == 0 ? null : next;
        });
        return removed[0];
    }

    public Connection[] of(UUID userId) {
        return byUser.getOrDefault(userId, NONE);
    }

    public Connection find(UUID userId, String deviceId) {
        for (Connection c : of(userId)) {
            if (c.deviceId().equals(deviceId)) return c;
        }
        return null;
    }

    /** The tab-close beacon: closes the device's connection if the key is the one its hello carried. */
    public void closeByBeacon(UUID userId, String deviceId, String beaconKey) {
        Connection c = find(userId, deviceId);
        if (c != null && MessageDigest.isEqual(c.beaconKey().getBytes(StandardCharsets.UTF_8),
                beaconKey.getBytes(StandardCharsets.UTF_8))) {
            c.close(TAB_CLOSED);
        }
    }

    /** The device reconnected on another node: its connection here, if it is this one, is closed (4001). */
    public void closeReplaced(UUID userId, String deviceId, long connectionId) {
        for (Connection c : of(userId)) {
            if (c.deviceId().equals(deviceId) && c.id() == connectionId) c.close(REPLACED);
        }
    }

    /** The user's sockets of this session ({@code null}: all of them) close with 4003. */
    public void closeSessions(UUID userId, String sessionId) {
        long now = System.nanoTime();
        recentEnds.values().removeIf(ends -> ends.isEmpty() || now - ends.getLast().atNanos() > REMEMBER_ENDS_NANOS);
        recentEnds.compute(userId, (id, ends) -> {
            List<SessionEnd> kept = new ArrayList<>();
            if (ends != null) for (SessionEnd e : ends) if (now - e.atNanos() <= REMEMBER_ENDS_NANOS) kept.add(e);
            kept.add(new SessionEnd(sessionId, now));
            return kept;
        });
        for (Connection c : of(userId)) {
            if (sessionId == null || sessionId.equals(c.signedIn().id())) c.close(SESSION_ENDED);
        }
    }

    /**
     * Whether one of the connection's session's ends came after its lookup: it was being opened, not
     * yet here, when {@link #closeSessions} swept. Checked right after {@link #add}, so that one of the
     * two always sees the other.
     */
    public boolean sessionEndedSinceCheck(Connection c) {
        List<SessionEnd> ends = recentEnds.get(c.user().id());
        if (ends == null) return false;
        for (SessionEnd e : ends) {
            boolean ofThisSession = e.sessionId() == null || e.sessionId().equals(c.signedIn().id());
            if (ofThisSession && e.atNanos() - c.sessionCheckedAt() > 0) return true;
        }
        return false;
    }

    public void forEachWithRole(Role role, Consumer<Connection> action) {
        byRole.get(role).forEach(action);
    }

    public void forEach(Consumer<Connection> action) {
        for (Set<Connection> connections : byRole.values()) connections.forEach(action);
    }

    public int size() {
        int size = 0;
        for (Set<Connection> connections : byRole.values()) size += connections.size();
        return size;
    }

    @Override
    public void dropped(UUID userId, String deviceId, long connectionId) {
        for (Connection c : of(userId)) {
            if (c.deviceId().equals(deviceId) && c.id() == connectionId) c.close(HEARTBEAT_TIMEOUT);
        }
    }
}
