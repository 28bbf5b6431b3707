package dev.callboard.presence;

import dev.callboard.cluster.ClusterWire;
import dev.callboard.cluster.RedisCluster;
import dev.callboard.identity.Role;
import dev.callboard.messaging.Delivery;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Live presence in Redis, shared by every node: one hash per user (see {@link PresenceHash}).
 * A change is optimistic: read the hash, apply the change and the rules in Java, then one script
 * writes the changed fields <em>only if the version is still the one read</em> (else read again),
 * and publishes the announcements in the same step, so every node sees one user's changes in the
 * order they were committed and no concurrent change from another node is lost. Every method throws
 * {@link RedisException} when Redis fails; what to do then is {@link RedisPresenceStates}' business.
 */
final class RedisPresence {
    /**
     * KEYS: the user's hash, this node's user set. ARGV: expected version, +1/-1 (add to / remove
     * from this node's set), user id, idle TTL in seconds (0 = keep), channel, then counted lists:
     * fields to set (name, value), fields to delete, messages to publish. Returns the new version, or
     * -1 when the hash changed since it was read.
     */
    private static final RedisCluster.Script UPDATE = RedisCluster.Script.of("""
            local ver = redis.call('HGET', KEYS[1], 'ver') or '0'
            if ver ~= ARGV[1] then return -1 end
            local next = tonumber(ver) + 1
            redis.call('HSET', KEYS[1], 'ver', next)
            local i = 6
            local n = tonumber(ARGV[i]); i = i + 1
            for _ = 1, n do redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]); i = i + 2 end
            n = tonumber(ARGV[i]); i = i + 1
            for _ = 1, n do redis.call('HDEL', KEYS[1], ARGV[i]); i = i + 1 end
            if ARGV[4] == '0' then redis.call('PERSIST', KEYS[1]) else redis.call('EXPIRE', KEYS[1], tonumber(ARGV[4])) end
            if ARGV[2] == '1' then redis.call('SADD', KEYS[2], ARGV[3]) else redis.call('SREM', KEYS[2], ARGV[3]) end
            n = tonumber(ARGV[i]); i = i + 1
            for _ = 1, n do redis.call('PUBLISH', ARGV[5], ARGV[i]); i = i + 1 end
            return next
            """);
    private static final int MAX_ATTEMPTS = 100;

    private final RedisCluster redis;
    private final ClusterWire wire;
    private final PresenceStore store;
    private final PresenceStatusWriter writer;
    private final NodeDevices here;
    private final Clock clock;

    RedisPresence(RedisCluster redis, ClusterWire wire, PresenceStore store, PresenceStatusWriter writer,
                  NodeDevices here, Clock clock) {
        this.redis = redis;
        this.wire = wire;
        this.store = store;
        this.writer = writer;
        this.here = here;
        this.clock = clock;
    }

    private String key(UUID userId) {
        return redis.key("presence:" + userId);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** {@link PresenceStates#update}, in Redis. */
    PresenceChange update(UUID userId, Role role, boolean createIfAbsent, Function<UserPresenceState, PresenceChange> change) {
        String key = key(userId);
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Map<String, String> before = redis.commands().hgetall(key);
            UserPresenceState s;
            long version;
            if (before.isEmpty()) {
                if (!createIfAbsent) return null;
                s = new UserPresenceState(userId, role, store.load(userId));
                version = 0;
            } else {
                s = PresenceHash.decode(userId, before, here::lastHeartbeat, now());
                version = Long.parseLong(before.get(PresenceHash.VERSION));
            }
            List<DeviceState> devicesBefore = List.copyOf(s.devices);
            PresenceChange done = change.apply(s);
            here.noteHeartbeats(s);
            Map<String, String> after = PresenceHash.encode(s);
            List<String> set = new ArrayList<>();
            after.forEach((field, value) -> {
                if (!value.equals(before.get(field))) {
                    set.add(field);
                    set.add(value);
                }
            });
            List<String> deleted = before.keySet().stream()
                    .filter(f -> !f.equals(PresenceHash.VERSION) && !after.containsKey(f)).toList();
            if (set.isEmpty() && deleted.isEmpty() && done.announcements().isEmpty()) {
                here.remember(s, version); // a heartbeat with nothing new for the others: memory only
                return done;
            }
            long committed = (Long) redis.eval(UPDATE, ScriptOutputType.INTEGER,
                    new String[]{key, redis.nodeUsersKey(redis.nodeId())}, scriptArgs(userId, s, version, set, deleted, done.announcements()));
            if (committed >= 0) {
                if (done.statusRow() != null) writer.enqueue(done.statusRow());
                here.forgetGone(devicesBefore, s);
                here.remember(s, committed);
                closeTakenOver(userId, devicesBefore, s);
                return done;
            }
        }
        throw new IllegalStateException("the presence of " + userId + " kept changing under " + MAX_ATTEMPTS + " attempts");
    }

    /**
     * A device id that reconnected here while its old socket is still open on another node: that node
     * closes the old socket (4001), as a single node does, instead of both heartbeating the same device.
     */
    private void closeTakenOver(UUID userId, List<DeviceState> before, UserPresenceState after) {
        for (DeviceState old : before) {
            if (here.isOurs(old)) continue;
            DeviceState now = after.device(old.deviceId());
            if (now != null && here.isOurs(now)) {
                redis.connection().async().publish(redis.eventsChannel(), ClusterWire.closeConnection(userId, old.deviceId(), old.connectionId()));
            }
        }
    }

    private String[] scriptArgs(UUID userId, UserPresenceState s, long version, List<String> set, List<String> deleted,
                                List<Delivery> announcements) {
        boolean hasDeviceHere = s.devices.stream().anyMatch(here::isOurs);
        List<String> args = new ArrayList<>(8 + set.size() + deleted.size() + announcements.size());
        args.add(Long.toString(version));
        args.add(hasDeviceHere ? "1" : "-1");
        args.add(userId.toString());
        args.add(s.idle() ? Long.toString(redis.idleStateTtl().toSeconds()) : "0");
        args.add(redis.eventsChannel());
        args.add(Integer.toString(set.size() / 2));
        args.addAll(set);
        args.add(Integer.toString(deleted.size()));
        args.addAll(deleted);
        args.add(Integer.toString(announcements.size()));
        for (Delivery d : announcements) args.add(wire.encode(d));
        return args.toArray(String[]::new);
    }

    <T> T read(UUID userId, Function<UserPresenceState, T> reader) {
        Map<String, String> fields = redis.commands().hgetall(key(userId));
        return fields.isEmpty() ? null : reader.apply(PresenceHash.decode(userId, fields, here::lastHeartbeat, now()));
    }

    /** One round trip for all of them (pipelined). */
    Map<UUID, PresenceView> views(Collection<UUID> userIds) {
        try {
            var async = redis.connection().async();
            Map<UUID, RedisFuture<String>> pending = new HashMap<>();
            for (UUID id : userIds) pending.put(id, async.hget(key(id), PresenceHash.viewField()));
            Map<UUID, PresenceView> result = new HashMap<>();
            for (var e : pending.entrySet()) {
                String encoded = e.getValue().get(redis.commandTimeout().toMillis(), TimeUnit.MILLISECONDS);
                if (encoded != null) result.put(e.getKey(), PresenceHash.view(e.getKey(), encoded));
            }
            return result;
        } catch (ExecutionException | TimeoutException e) {
            throw new RedisException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The users Redis still lists as having a device on this node (what survivors would clean up). */
    Collection<UUID> listedOnThisNode() {
        return redis.commands().smembers(redis.nodeUsersKey(redis.nodeId())).stream().map(UUID::fromString).toList();
    }
}
