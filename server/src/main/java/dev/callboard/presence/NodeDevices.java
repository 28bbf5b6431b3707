package dev.callboard.presence;

import dev.callboard.identity.Role;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a cluster node knows of its own devices, apart from Redis: which users it holds devices of
 * (to sweep them, and to put them back after Redis was lost) and when it last heard each connection
 * (only the node holding a socket hears its heartbeats, and they are not written to Redis).
 */
final class NodeDevices {
    /** This node's devices of one user as of the newest change this node committed or read. */
    record Held(Role role, List<DeviceState> devices, long version) {}

    static final Duration QUIET_INPUT = Duration.ofSeconds(1);

    private final String node;
    private final Map<UUID, Held> held = new ConcurrentHashMap<>();
    /**
     * When this node last heard each of its connections, by connection id. Written before a change is
     * committed: another thread may read (and re-commit) a device of ours before the thread that added
     * it has recorded the change as held.
     */
    private final Map<Long, Instant> heard = new ConcurrentHashMap<>();

    NodeDevices(String node) {
        this.node = node;
    }

    boolean isOurs(DeviceState device) {
        return device.node().equals(node);
    }

    /** Ours: when we last heard it (never, if we no longer hold it: the sweep removes it). Others': live while their node is. */
    Instant lastHeartbeat(String deviceNode, long connectionId, Instant now) {
        return node.equals(deviceNode) ? heard.getOrDefault(connectionId, Instant.EPOCH) : now;
    }

    void noteHeartbeats(UserPresenceState s) {
        for (DeviceState d : s.devices) {
            if (isOurs(d)) heard.merge(d.connectionId(), d.lastHeartbeatAt(), (a, b) -> a.isAfter(b) ? a : b);
        }
    }

    /**
     * Notes a heartbeat of one of our devices if it changes nothing the shared state holds: same
     * connection, same focus, and input less than {@link #QUIET_INPUT} newer than the input last
     * committed (clients report input as "idle for N ms", which jitters by a few ms).
     *
     * @return false when the heartbeat must go through the shared state
     */
    boolean quietHeartbeat(UUID userId, String deviceId, long connectionId, Instant now, Instant lastInputAt, boolean focused) {
        Held user = held.get(userId);
        if (user == null) return false;
        for (DeviceState d : user.devices()) {
            if (!d.deviceId().equals(deviceId) || d.connectionId() != connectionId) continue;
            DeviceState next = d.heartbeat(now, lastInputAt, focused);
            if (next.focused() != d.focused() || Duration.between(d.lastInputAt(), next.lastInputAt()).compareTo(QUIET_INPUT) >= 0) {
                return false;
            }
            heard.merge(connectionId, now, (a, b) -> a.isAfter(b) ? a : b);
            return true;
        }
        return false;
    }

    /** After a committed change: our connections that were in {@code before} and are gone now are forgotten. */
    void forgetGone(Collection<DeviceState> before, UserPresenceState after) {
        for (DeviceState d : before) {
            if (isOurs(d) && after.devices.stream().noneMatch(a -> a.connectionId() == d.connectionId())) {
                heard.remove(d.connectionId());
            }
        }
    }

    /**
     * Records the user's devices on this node as of {@code version}, unless a newer version is already
     * recorded. A user with none left keeps an empty entry (a tombstone with its version), so that a
     * late record of an older version cannot bring a departed device back.
     */
    void remember(UserPresenceState s, long version) {
        List<DeviceState> ours = s.devices.stream().filter(this::isOurs).toList();
        held.compute(s.userId, (id, known) -> known != null && known.version() > version ? known : new Held(s.role, ours, version));
    }

    long nextVersion(UUID userId) {
        Held known = held.get(userId);
        return known == null ? 0 : known.version() + 1;
    }

    /** The devices as last recorded, with the heartbeat times heard since. */
    List<DeviceState> devicesOf(Held user) {
        return user.devices().stream().map(d -> new DeviceState(d.deviceId(), d.node(), d.connectionId(),
                lastHeartbeat(d.node(), d.connectionId(), Instant.EPOCH), d.lastInputAt(), d.focused())).toList();
    }

    /** Drops the tombstones: by the next sweep no late record of an older change is still on its way. */
    void pruneTombstones() {
        held.values().removeIf(user -> user.devices().isEmpty());
    }

    /** The users this node holds devices of. */
    Map<UUID, Held> snapshot() {
        Map<UUID, Held> users = new java.util.HashMap<>();
        held.forEach((id, user) -> {
            if (!user.devices().isEmpty()) users.put(id, user);
        });
        return users;
    }

    Set<UUID> users() {
        return snapshot().keySet();
    }

    int size() {
        return snapshot().size();
    }

    void clear() {
        held.clear();
    }

    void restore(Map<UUID, Held> users) {
        users.forEach(held::putIfAbsent);
    }
}
