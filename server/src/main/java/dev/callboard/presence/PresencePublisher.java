package dev.callboard.presence;

import dev.callboard.identity.Role;
import dev.callboard.messaging.Delivery;
import dev.callboard.messaging.OutboundEvent;

import java.util.List;
import java.util.UUID;

/** Announces presence changes: the full view to the user's own devices, the public view to his watchers. */
final class PresencePublisher {
    static final String EVENT = "presence.changed";

    private PresencePublisher() {}

    static List<Delivery> announcements(UUID userId, Role role, PresenceView full, boolean publicChanged) {
        Delivery self = new Delivery.ToUsers(List.of(userId), new OutboundEvent(EVENT, full));
        return publicChanged
                ? List.of(self, new Delivery.ToWatchers(userId, role, new OutboundEvent(EVENT, full.forOthers())))
                : List.of(self);
    }
}
