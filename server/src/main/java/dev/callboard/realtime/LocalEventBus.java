package dev.callboard.realtime;

import dev.callboard.directory.VisibilityPolicy;
import dev.callboard.identity.Role;
import dev.callboard.messaging.EventCodec;
import dev.callboard.messaging.LocalDelivery;
import dev.callboard.messaging.OutboundEvent;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.UUID;

/**
 * Delivery straight into the connections open in this process: the whole bus on a single node, and
 * the last hop of every event in a cluster. An event is encoded only if somebody here receives it.
 */
@Component
public class LocalEventBus implements LocalDelivery {
    private final ConnectionRegistry connections;
    private final EventCodec codec;

    public LocalEventBus(ConnectionRegistry connections, EventCodec codec) {
        this.connections = connections;
        this.codec = codec;
    }

    @Override
    public void toUsers(Collection<UUID> userIds, OutboundEvent event) {
        byte[] bytes = null;
        for (UUID id : userIds) {
            Connection[] targets = connections.of(id);
            if (targets.length == 0) continue;
            if (bytes == null) bytes = codec.encode(event);
            for (Connection c : targets) c.send(bytes);
        }
    }

    @Override
    public void toDevice(UUID userId, String deviceId, OutboundEvent event) {
        Connection c = connections.find(userId, deviceId);
        if (c != null) c.send(codec.encode(event));
    }

    @Override
    public void toWatchersOf(UUID subjectId, Role subjectRole, OutboundEvent event) {
        deliverToWatchers(subjectId, subjectRole, codec.encode(event));
    }

    @Override
    public void closeDevice(UUID userId, String deviceId, String beaconKey) {
        connections.closeByBeacon(userId, deviceId, beaconKey);
    }

    @Override
    public void closeSessions(UUID userId, String sessionId) {
        connections.closeSessions(userId, sessionId);
    }

    @Override
    public void closeReplaced(UUID userId, String deviceId, long connectionId) {
        connections.closeReplaced(userId, deviceId, connectionId);
    }

    @Override
    public void deliverToUsers(Collection<UUID> userIds, byte[] bytes) {
        for (UUID id : userIds) {
            for (Connection c : connections.of(id)) c.send(bytes);
        }
    }

    @Override
    public void deliverToDevice(UUID userId, String deviceId, byte[] bytes) {
        Connection c = connections.find(userId, deviceId);
        if (c != null) c.send(bytes);
    }

    /** Everyone whose role {@link VisibilityPolicy} lets see the subject's role, but the subject himself. */
    @Override
    public void deliverToWatchers(UUID subjectId, Role subjectRole, byte[] bytes) {
        for (Role watcherRole : VisibilityPolicy.rolesThatSee(subjectRole)) {
            connections.forEachWithRole(watcherRole, c -> {
                if (!c.user().id().equals(subjectId)) c.send(bytes);
            });
        }
    }
}
