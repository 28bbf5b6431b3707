package dev.callboard.presence;

import dev.callboard.cluster.ClusterWire;
import dev.callboard.cluster.Delivery;
import dev.callboard.cluster.RedisCluster;
import dev.callboard.directory.Role;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;

/**
 * Live presence in Redis, shared by every node: one hash per user (see {@link PresenceHash}).
 * A change is optimistic: read the hash, apply the change and the rules in Java, then one script
 * writes the changed fields <em>only if the version is still the one read</em> (else read again),
 * and publishes the announcements in the same step, so every node sees one user's changes in the
 * order they were committed and no concurrent change from another node is lost.
 * <p>
 * While Redis is unreachable the node keeps going on its own ({@link LocalPresenceStates}): its
 * users see each other, and the rest look offline. When Redis is back, {@link #resync} puts this
 * node's devices back (choices and calls come from PostgreSQL) and drops devices that left meanwhile.
 */
final class RedisPresenceStates implements PresenceStates {
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
    private final LocalPresenceStates fallback;
    private final PresenceStore store;
    private final PresenceStatusWriter writer;
    private final Clock clock;
    private final String node;
    private final NodeDevices here;
    private final Object seeding = new Object();
    private volatile boolean seeded;
    private boolean seedingNow;
    private volatile PresenceEngine engine;
    /** The thread putting this node's state back: its changes go to Redis although Redis does not count as back yet. */
    private volatile Thread resyncer;
    /** Users changed in the fallback (not only those with devices here): the resync must put them right too. */
    private final Set<UUID> touchedWhileDegraded = ConcurrentHashMap.newKeySet();
    /** Changes take the read side; a resync takes the write side, so nothing changes under it. */
    private final ReentrantReadWriteLock resyncing = new ReentrantReadWriteLock();

    RedisPresenceStates(RedisCluster redis, ClusterWire wire, LocalPresenceStates fallback, PresenceStore store,
                        PresenceStatusWriter writer, Clock clock) {
        this.redis = redis;
        this.wire = wire;
        this.fallback = fallback;
        this.store = store;
        this.writer = writer;
        this.clock = clock;
        this.node = redis.nodeId();
        this.here = new NodeDevices(node);
    }

    @Override
    public String node() {
        return node;
    }

    private String key(UUID userId) {
        return redis.key("presence:" + userId);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    @Override
    public PresenceChange update(UUID userId, Role role, boolean createIfAbsent, Function<UserPresenceState, PresenceChange> change) {
        resyncing.readLock().lock();
        try {
            boolean isResyncer = Thread.currentThread() == resyncer;
            if (redis.isAvailable() || isResyncer) {
                try {
                    return updateInRedis(userId, role, createIfAbsent, change);
                } catch (RedisException e) {
                    redis.unavailable(e);
                    if (isResyncer) throw e;
                }
            }
            degraded();
            touchedWhileDegraded.add(userId);
            return fallback.update(userId, role, createIfAbsent, s -> {
                PresenceChange done = change.apply(s);
                here.noteHeartbeats(s);
                here.remember(s, here.nextVersion(userId));
                return done;
            });
        } finally {
            resyncing.readLock().unlock();
        }
    }

    private PresenceChange updateInRedis(UUID userId, Role role, boolean createIfAbsent,
                                         Function<UserPresenceState, PresenceChange> change) {
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
                    new String[]{key, redis.nodeUsersKey(node)}, scriptArgs(userId, s, version, set, deleted, done.announcements()));
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
        boolean hasDeviceHere = s.devices.stream().anyMatch(d -> d.node().equals(node));
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

    /** In Redis only the node that holds a device hears it: a quiet heartbeat costs no Redis command at all. */
    @Override
    public boolean quietHeartbeat(UUID userId, String deviceId, long connectionId, Instant now,
                                  Instant lastInputAt, boolean focused) {
        return redis.isAvailable() && here.quietHeartbeat(userId, deviceId, connectionId, now, lastInputAt, focused);
    }

    @Override
    public <T> T read(UUID userId, Function<UserPresenceState, T> reader) {
        if (redis.isAvailable()) {
            try {
                Map<String, String> fields = redis.commands().hgetall(key(userId));
                return fields.isEmpty() ? null : reader.apply(PresenceHash.decode(userId, fields, here::lastHeartbeat, now()));
            } catch (RedisException e) {
                redis.unavailable(e);
            }
        }
        degraded();
        return fallback.read(userId, reader);
    }

    /** One round trip for all of them (pipelined). */
    @Override
    public Map<UUID, PresenceView> views(Collection<UUID> userIds) {
        if (redis.isAvailable()) {
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
            } catch (RedisException | ExecutionException | TimeoutException e) {
                redis.unavailable(new RedisException(e));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        degraded();
        return fallback.views(userIds);
    }

    @Override
    public Collection<UUID> toSweep() {
        if (redis.isAvailable()) {
            here.pruneTombstones();
            return here.users();
        }
        degraded();
        return fallback.toSweep();
    }

    @Override
    public void swept(UUID userId) {
        if (!redis.isAvailable()) fallback.swept(userId);
    }

    @Override
    public int liveUserCount() {
        return here.size();
    }

    /** The engine whose rules put this node's users into the fallback (wiring: the engine needs these states first). */
    void attach(PresenceEngine engine) {
        this.engine = engine;
    }

    /**
     * Called before anything is read from or written to the fallback: the first time after Redis
     * went away, this node's users are put into it at once, from what this node knows of its own
     * devices, so that they keep seeing and calling each other. Everyone else waits until that is done.
     */
    void degraded() {
        if (seeded) return;
        resyncing.readLock().lock(); // never while a resync runs
        try {
            synchronized (seeding) {
                // seedingNow: the seeding's own changes come back here (same thread, monitor re-entered)
                if (seeded || seedingNow || redis.isAvailable()) return;
                seedingNow = true;
                try {
                    for (Map.Entry<UUID, NodeDevices.Held> e : here.snapshot().entrySet()) {
                        engine.resync(e.getKey(), e.getValue().role(), here.devicesOf(e.getValue()));
                    }
                } finally {
                    seedingNow = false;
                    seeded = true;
                }
            }
        } finally {
            resyncing.readLock().unlock();
        }
    }

    /**
     * Puts this node's part back into Redis: each user it holds devices of gets exactly those devices
     * (whatever Redis kept or lost), users Redis still lists on this node but whose devices left
     * meanwhile lose them, and users changed here during the outage get their choices and calls from
     * PostgreSQL. Changes wait until it is done; Redis counts as back (for this node) only then, so
     * no change can land in the fallback after it was emptied.
     *
     * @return false if Redis failed meanwhile
     */
    boolean resync() {
        resyncing.writeLock().lock();
        resyncer = Thread.currentThread();
        Map<UUID, NodeDevices.Held> mine = here.snapshot();
        boolean done = false;
        try {
            Set<UUID> users = new HashSet<>(mine.keySet());
            users.addAll(touchedWhileDegraded);
            for (String id : redis.commands().smembers(redis.nodeUsersKey(node))) users.add(UUID.fromString(id));
            here.clear();
            fallback.clear();
            seeded = false;
            for (UUID userId : users) {
                NodeDevices.Held u = mine.get(userId);
                engine.resync(userId, u == null ? null : u.role(), u == null ? List.of() : here.devicesOf(u));
            }
            touchedWhileDegraded.clear();
            redis.backAgain();
            done = true;
        } catch (RedisException e) {
            redis.unavailable(e);
        } finally {
            if (!done) here.restore(mine); // what the next fallback starts from
            resyncer = null;
            resyncing.writeLock().unlock();
        }
        return done;
    }

    @Override
    public boolean sharedStateReachable() {
        return redis.isAvailable();
    }
}
