package dev.callboard.presence;

import dev.callboard.cluster.RedisCluster;
import dev.callboard.identity.Role;
import io.lettuce.core.RedisException;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A cluster node's presence while Redis is out of reach, and putting it back afterwards.
 * <ul>
 *   <li><b>Seeding</b>: the first time after Redis went away, this node's users go into an
 *   in-process {@link LocalPresenceStates} at once, from what the node knows of its own devices, so
 *   that they keep seeing and calling each other (everyone else looks offline). Nothing reads or
 *   writes the fallback before that is done.</li>
 *   <li><b>Resync</b>: once Redis answers again (or has lost this node's lease), each user this node
 *   holds devices of gets exactly those devices in Redis, whatever Redis kept or lost; users Redis
 *   still lists on this node but whose devices left meanwhile lose them; users changed here during the
 *   outage get their choices and calls from PostgreSQL, which every node kept writing. Changes wait
 *   until it is done, and Redis counts as back (for this node) only then, so no change can land in the
 *   fallback after it was emptied.</li>
 * </ul>
 */
final class OutageRecovery {
    private final RedisCluster redis;
    private final RedisPresence shared;
    private final LocalPresenceStates fallback;
    private final NodeDevices here;
    private final PresenceStore store;
    private final PresenceRecomputer changes;
    private final Object seeding = new Object();
    private volatile boolean seeded;
    /** Users changed in the fallback (not only those with devices here): the resync must put them right too. */
    private final Set<UUID> touchedWhileDegraded = ConcurrentHashMap.newKeySet();
    /** Changes take the read side; a resync takes the write side, so nothing changes under it. */
    private final ReentrantReadWriteLock resyncing = new ReentrantReadWriteLock();

    OutageRecovery(RedisCluster redis, RedisPresence shared, LocalPresenceStates fallback, NodeDevices here,
                   PresenceStore store, PresenceRecomputer changes) {
        this.redis = redis;
        this.shared = shared;
        this.fallback = fallback;
        this.here = here;
        this.store = store;
        this.changes = changes;
    }

    /** Runs a change of presence, never while a resync runs. */
    <T> T duringChanges(Supplier<T> change) {
        resyncing.readLock().lock();
        try {
            return change.get();
        } finally {
            resyncing.readLock().unlock();
        }
    }

    /** The fallback, seeded with this node's users first. */
    LocalPresenceStates fallback() {
        seedIfNeeded();
        return fallback;
    }

    /** A change while Redis is out of reach: applied to the fallback, and remembered for the resync. */
    PresenceChange updateLocally(UUID userId, Role role, boolean createIfAbsent,
                                 Function<UserPresenceState, PresenceChange> change) {
        seedIfNeeded();
        return applyLocally(userId, role, createIfAbsent, change);
    }

    private PresenceChange applyLocally(UUID userId, Role role, boolean createIfAbsent,
                                        Function<UserPresenceState, PresenceChange> change) {
        touchedWhileDegraded.add(userId);
        return fallback.update(userId, role, createIfAbsent, s -> {
            PresenceChange done = change.apply(s);
            here.noteHeartbeats(s);
            here.remember(s, here.nextVersion(userId));
            return done;
        });
    }

    /** Puts this node's users into the fallback, once per outage. Everyone else waits until that is done. */
    void seedIfNeeded() {
        if (seeded) return;
        resyncing.readLock().lock(); // never while a resync runs
        try {
            synchronized (seeding) {
                if (seeded || redis.isAvailable()) return;
                try {
                    for (Map.Entry<UUID, NodeDevices.Held> e : here.snapshot().entrySet()) {
                        List<DeviceState> devices = here.devicesOf(e.getValue());
                        applyLocally(e.getKey(), e.getValue().role(), !devices.isEmpty(), putBack(e.getKey(), devices));
                    }
                } finally {
                    seeded = true;
                }
            }
        } finally {
            resyncing.readLock().unlock();
        }
    }

    /** @return false if Redis failed meanwhile (the node stays degraded and the lease asks again later) */
    boolean resync() {
        resyncing.writeLock().lock();
        Map<UUID, NodeDevices.Held> mine = here.snapshot();
        boolean done = false;
        try {
            Set<UUID> users = new HashSet<>(mine.keySet());
            users.addAll(touchedWhileDegraded);
            users.addAll(shared.listedOnThisNode());
            here.clear();
            fallback.clear();
            seeded = false;
            for (UUID userId : users) {
                NodeDevices.Held u = mine.get(userId);
                List<DeviceState> devices = u == null ? List.of() : here.devicesOf(u);
                shared.update(userId, u == null ? null : u.role(), !devices.isEmpty(), putBack(userId, devices));
            }
            touchedWhileDegraded.clear();
            redis.backAgain();
            done = true;
        } catch (RedisException e) {
            redis.unavailable(e);
        } finally {
            if (!done) here.restore(mine); // what the next fallback starts from
            resyncing.writeLock().unlock();
        }
        return done;
    }

    /**
     * This node's devices of the user become exactly {@code devices}; the choice and the in-call count
     * are taken from PostgreSQL, which every node kept writing meanwhile.
     */
    private Function<UserPresenceState, PresenceChange> putBack(UUID userId, List<DeviceState> devices) {
        return changes.after(s -> {
            // Read on every attempt: a retry after a conflict must not write back what was read before it.
            DurablePresence durable = store.load(userId);
            s.devices.removeIf(here::isOurs);
            s.devices.addAll(devices);
            s.manual = durable.manual();
            s.message = durable.message();
            s.activeCalls = store.answeredCalls(userId);
        });
    }
}
