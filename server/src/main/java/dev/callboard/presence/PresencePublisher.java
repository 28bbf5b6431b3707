package dev.callboard.presence;

import dev.callboard.cluster.EventBus;
import dev.callboard.cluster.OutboundEvent;
import dev.callboard.directory.Role;

import java.util.UUID;

/** Announces presence changes: the full view to the user's own devices, the public view to his watchers. */
public class PresencePublisher {
    public static final String EVENT = "presence.changed";
    private final EventBus bus;

    public PresencePublisher(EventBus bus) {
        this.bus = bus;
    }

    void publish(UUID userId, Role role, PresenceView full, boolean publicChanged) {
        bus.toUser(userId, new OutboundEvent(EVENT, full));
        if (publicChanged) {
            bus.toWatchersOf(userId, role, new OutboundEvent(EVENT, full.forOthers()));
        }
    }
}
