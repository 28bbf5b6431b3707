package dev.callboard.presence;

import dev.callboard.cluster.ClusterWire;
import dev.callboard.cluster.RedisCluster;
import dev.callboard.identity.Role;
import dev.callboard.messaging.EventBus;
import io.lettuce.core.RedisException;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * Live presence of a cluster node: in Redis ({@link RedisPresence}) while it answers, otherwise this
 * node's users on their own ({@link OutageRecovery}, which also puts them back into Redis). Each call
 * goes to Redis first when Redis counts as available; a failure switches the node to the fallback.
 */
final class RedisPresenceStates implements PresenceStates {
    private final RedisCluster redis;
    private final RedisPresence shared;
    private final OutageRecovery outage;
    private final NodeDevices here;

    RedisPresenceStates(RedisCluster redis, RedisPresence shared, OutageRecovery outage, NodeDevices here) {
        this.redis = redis;
        this.shared = shared;
        this.outage = outage;
        this.here = here;
    }

    /** The states of a cluster node and the parts they are made of. */
    static RedisPresenceStates create(RedisCluster redis, ClusterWire wire, PresenceStore store, PresenceStatusWriter writer,
                                      EventBus bus, PresenceRecomputer changes, Clock clock) {
        NodeDevices here = new NodeDevices(redis.nodeId());
        RedisPresence shared = new RedisPresence(redis, wire, store, writer, here, clock);
        LocalPresenceStates fallback = new LocalPresenceStates(redis.nodeId(), store, writer, bus);
        return new RedisPresenceStates(redis, shared, new OutageRecovery(redis, shared, fallback, here, store, changes), here);
    }

    OutageRecovery outage() {
        return outage;
    }

    @Override
    public String node() {
        return redis.nodeId();
    }

    @Override
    public PresenceChange update(UUID userId, Role role, boolean createIfAbsent, Function<UserPresenceState, PresenceChange> change) {
        return outage.duringChanges(() -> {
            if (redis.isAvailable()) {
                try {
                    return shared.update(userId, role, createIfAbsent, change);
                } catch (RedisException e) {
                    redis.unavailable(e);
                }
            }
            return outage.updateLocally(userId, role, createIfAbsent, change);
        });
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
                return shared.read(userId, reader);
            } catch (RedisException e) {
                redis.unavailable(e);
            }
        }
        return outage.fallback().read(userId, reader);
    }

    @Override
    public Map<UUID, PresenceView> views(Collection<UUID> userIds) {
        if (redis.isAvailable()) {
            try {
                return shared.views(userIds);
            } catch (RedisException e) {
                redis.unavailable(e);
            }
        }
        return outage.fallback().views(userIds);
    }

    @Override
    public Collection<UUID> toSweep() {
        if (redis.isAvailable()) {
            here.pruneTombstones();
            return here.users();
        }
        return outage.fallback().toSweep();
    }

    @Override
    public void swept(UUID userId) {
        if (!redis.isAvailable()) outage.fallback().swept(userId);
    }

    @Override
    public int liveUserCount() {
        return here.size();
    }

    @Override
    public boolean sharedStateReachable() {
        return redis.isSettled();
    }
}
