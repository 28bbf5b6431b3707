package dev.callboard.messaging;

import dev.callboard.identity.Role;

import java.util.Collection;
import java.util.UUID;

/** Who an event is for, as data: so an announcement can be built in one place and sent in another. */
public sealed interface Delivery {

    OutboundEvent event();

    /** Every live device of each of these users. */
    record ToUsers(Collection<UUID> userIds, OutboundEvent event) implements Delivery {}

    /** One device of one user. */
    record ToDevice(UUID userId, String deviceId, OutboundEvent event) implements Delivery {}

    /** Everyone else allowed to see the subject; see {@link EventBus#toWatchersOf}. */
    record ToWatchers(UUID subjectId, Role subjectRole, OutboundEvent event) implements Delivery {}
}
