package dev.callboard.cluster;

import dev.callboard.directory.Role;
import dev.callboard.realtime.Connection;
import dev.callboard.realtime.ConnectionRegistry;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.UUID;

/** Single-node delivery: straight into the connections open in this process. */
@Component
public class LocalEventBus implements EventBus {
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

    void closeReplaced(UUID userId, String deviceId, long connectionId) {
        connections.closeReplaced(userId, deviceId, connectionId);
    }

    /** Already-encoded events, as they arrive from other nodes: the same bytes go to every recipient here. */
    void deliverToUsers(Collection<UUID> userIds, byte[] bytes) {
        for (UUID id : userIds) {
            for (Connection c : connections.of(id)) c.send(bytes);
        }
    }

    void deliverToDevice(UUID userId, String deviceId, byte[] bytes) {
        Connection c = connections.find(userId, deviceId);
        if (c != null) c.send(bytes);
    }

    void deliverToWatchers(UUID subjectId, Role subjectRole, byte[] bytes) {
        connections.forEachAdmin(c -> {
            if (!c.user().id().equals(subjectId)) c.send(bytes);
        });
        if (subjectRole == Role.ADMIN) {
            connections.forEachClient(c -> c.send(bytes));
        }
    }
}
