package dev.callboard.cluster;

import dev.callboard.identity.Role;
import dev.callboard.messaging.Delivery;
import dev.callboard.messaging.EventCodec;
import dev.callboard.messaging.LocalDelivery;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The messages nodes exchange on the Redis channel: a short header naming the recipients, then
 * the event exactly as clients receive it, so a receiving node forwards the bytes without parsing
 * them. Lines: {@code U / ids / json}, {@code D / id / device / json}, {@code W / id / role / json},
 * {@code B / id / device / beaconKey} (close a device: the tab-close beacon), {@code C / id / device /
 * connectionId} (close a connection whose device reconnected elsewhere), {@code S / id / session}
 * (close a user's sockets of a session that ended; {@code *}: all of them).
 */
public final class ClusterWire {
    private static final String ALL_SESSIONS = "*";
    private final EventCodec codec;

    public ClusterWire(EventCodec codec) {
        this.codec = codec;
    }

    public String encode(Delivery delivery) {
        String json = new String(codec.encode(delivery.event()), StandardCharsets.UTF_8);
        return switch (delivery) {
            case Delivery.ToUsers d -> "U\n" + String.join(",", d.userIds().stream().map(UUID::toString).toList()) + "\n" + json;
            case Delivery.ToDevice d -> "D\n" + d.userId() + "\n" + d.deviceId() + "\n" + json;
            case Delivery.ToWatchers d -> "W\n" + d.subjectId() + "\n" + d.subjectRole().name() + "\n" + json;
        };
    }

    static String closeDevice(UUID userId, String deviceId, String beaconKey) {
        return "B\n" + userId + "\n" + deviceId + "\n" + beaconKey;
    }

    static String closeSessions(UUID userId, String sessionId) {
        return "S\n" + userId + "\n" + (sessionId == null ? ALL_SESSIONS : sessionId);
    }

    /** Closes one connection (the device reconnected on another node): {@code C / id / device / connectionId}. */
    public static String closeConnection(UUID userId, String deviceId, long connectionId) {
        return "C\n" + userId + "\n" + deviceId + "\n" + connectionId;
    }

    /** Delivers a message from the channel to this node's connections; malformed ones are ignored. */
    static void deliver(String message, LocalDelivery local) {
        String[] part = message.split("\n", message.startsWith("U") ? 3 : 4);
        switch (part[0]) {
            case "U" -> {
                List<UUID> ids = new ArrayList<>();
                for (String id : part[1].split(",")) ids.add(UUID.fromString(id));
                local.deliverToUsers(ids, part[2].getBytes(StandardCharsets.UTF_8));
            }
            case "D" -> local.deliverToDevice(UUID.fromString(part[1]), part[2], part[3].getBytes(StandardCharsets.UTF_8));
            case "W" -> local.deliverToWatchers(UUID.fromString(part[1]), Role.valueOf(part[2]), part[3].getBytes(StandardCharsets.UTF_8));
            case "B" -> local.closeDevice(UUID.fromString(part[1]), part[2], part[3]);
            case "C" -> local.closeReplaced(UUID.fromString(part[1]), part[2], Long.parseLong(part[3]));
            case "S" -> local.closeSessions(UUID.fromString(part[1]), part[2].equals(ALL_SESSIONS) ? null : part[2]);
            default -> throw new IllegalArgumentException("unknown cluster message " + part[0]);
        }
    }
}
