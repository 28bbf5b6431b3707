package dev.callboard.messaging;

import dev.callboard.identity.Role;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * How domain code reaches connected devices, wherever they are connected. Single-node mode
 * delivers in-process; cluster mode routes through Redis. Delivery is at-most-once: anything
 * that must not be lost is also in PostgreSQL and comes back in the next {@code hello}.
 */
public interface EventBus {

    /** Every live device of each of these users. */
    void toUsers(Collection<UUID> userIds, OutboundEvent event);

    default void toUser(UUID userId, OutboundEvent event) {
        toUsers(List.of(userId), event);
    }

    /** One device of one user (e.g. the answering device in a call). */
    void toDevice(UUID userId, String deviceId, OutboundEvent event);

    /**
     * Everyone else allowed to see {@code subject} (per {@link dev.callboard.directory.VisibilityPolicy}):
     * all admins, and every client too when the subject is an admin. Not the subject's own devices:
     * they get the private view through {@link #toUser}.
     */
    void toWatchersOf(UUID subjectId, Role subjectRole, OutboundEvent event);

    /**
     * Closes one device's socket, wherever it is connected, if {@code beaconKey} is the key its
     * {@code hello} carried (the tab-close beacon may reach any node). Does nothing otherwise.
     */
    default void closeDevice(UUID userId, String deviceId, String beaconKey) {}

    /**
     * Closes the user's sockets that belong to this session ({@code null}: all of his sockets),
     * wherever they are connected: the session ended (logout, role change, deactivation).
     */
    default void closeSessions(UUID userId, String sessionId) {}

    default void send(Delivery delivery) {
        switch (delivery) {
            case Delivery.ToUsers d -> toUsers(d.userIds(), d.event());
            case Delivery.ToDevice d -> toDevice(d.userId(), d.deviceId(), d.event());
            case Delivery.ToWatchers d -> toWatchersOf(d.subjectId(), d.subjectRole(), d.event());
        }
    }
}
