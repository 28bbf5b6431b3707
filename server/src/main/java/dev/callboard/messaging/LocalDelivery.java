package dev.callboard.messaging;

import dev.callboard.identity.Role;

import java.util.Collection;
import java.util.UUID;

/**
 * The connections open on this node, as every bus finally reaches them. Besides the {@link EventBus}
 * calls it takes events already encoded (they arrive that way from other nodes: the same bytes go to
 * every recipient here, never parsed again) and closes a connection whose device reconnected elsewhere.
 */
public interface LocalDelivery extends EventBus {

    void deliverToUsers(Collection<UUID> userIds, byte[] event);

    void deliverToDevice(UUID userId, String deviceId, byte[] event);

    void deliverToWatchers(UUID subjectId, Role subjectRole, byte[] event);

    /** The device reconnected on another node: its connection here, if it is this one, is closed (4001). */
    void closeReplaced(UUID userId, String deviceId, long connectionId);
}
