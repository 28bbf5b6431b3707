package dev.callboard.cluster;

import dev.callboard.identity.Role;
import dev.callboard.messaging.Delivery;
import dev.callboard.messaging.EventBus;
import dev.callboard.messaging.LocalDelivery;
import dev.callboard.messaging.OutboundEvent;

import java.util.Collection;
import java.util.UUID;

/**
 * Cluster delivery: every event is published once on one Redis channel; every node (this one too)
 * receives it and hands it to its own connections through {@link LocalDelivery}. Pub/sub is
 * at-most-once. While Redis is unreachable, events still reach this node's own connections.
 */
public final class RedisEventBus implements EventBus {
    private final RedisCluster redis;
    private final ClusterWire wire;
    private final LocalDelivery local;

    public RedisEventBus(RedisCluster redis, ClusterWire wire, LocalDelivery local) {
        this.redis = redis;
        this.wire = wire;
        this.local = local;
        redis.subscribe(message -> ClusterWire.deliver(message, local));
    }

    @Override
    public void toUsers(Collection<UUID> userIds, OutboundEvent event) {
        send(new Delivery.ToUsers(userIds, event));
    }

    @Override
    public void toDevice(UUID userId, String deviceId, OutboundEvent event) {
        send(new Delivery.ToDevice(userId, deviceId, event));
    }

    @Override
    public void toWatchersOf(UUID subjectId, Role subjectRole, OutboundEvent event) {
        send(new Delivery.ToWatchers(subjectId, subjectRole, event));
    }

    @Override
    public void send(Delivery delivery) {
        publish(wire.encode(delivery), () -> local.send(delivery));
    }

    @Override
    public void closeDevice(UUID userId, String deviceId, String beaconKey) {
        publish(ClusterWire.closeDevice(userId, deviceId, beaconKey), () -> local.closeDevice(userId, deviceId, beaconKey));
    }

    @Override
    public void closeSessions(UUID userId, String sessionId) {
        publish(ClusterWire.closeSessions(userId, sessionId), () -> local.closeSessions(userId, sessionId));
    }

    /**
     * Asynchronous, so no request waits for Redis; one connection keeps the publishes in order.
     * If Redis refuses, this node delivers to its own connections only.
     */
    private void publish(String message, Runnable localOnly) {
        if (!redis.isAvailable()) {
            localOnly.run();
            return;
        }
        try {
            redis.connection().async().publish(redis.eventsChannel(), message).exceptionally(e -> {
                redis.unavailable(new IllegalStateException(e));
                localOnly.run();
                return 0L;
            });
        } catch (RuntimeException e) {
            redis.unavailable(e);
            localOnly.run();
        }
    }
}
