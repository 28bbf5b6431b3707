package dev.callboard.call;

import dev.callboard.identity.Role;
import dev.callboard.messaging.EventBus;
import dev.callboard.messaging.OutboundEvent;

import java.util.Collection;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Our {@link EventBus} port, recording what would have been sent to whom. */
public final class RecordingEventBus implements EventBus {
    /** {@code deviceId} is null for "every device of the user". */
    public record Sent(UUID userId, String deviceId, OutboundEvent event) {
        public String type() {
            return event.type();
        }
    }

    private final Queue<Sent> sent = new ConcurrentLinkedQueue<>();

    @Override
    public void toUsers(Collection<UUID> userIds, OutboundEvent event) {
        userIds.forEach(u -> sent.add(new Sent(u, null, event)));
    }

    @Override
    public void toDevice(UUID userId, String deviceId, OutboundEvent event) {
        sent.add(new Sent(userId, deviceId, event));
    }

    @Override
    public void toWatchersOf(UUID subjectId, Role subjectRole, OutboundEvent event) {
        throw new AssertionError("calling never broadcasts to watchers");
    }

    public List<Sent> all() {
        return List.copyOf(sent);
    }

    public List<Sent> ofType(String type) {
        return sent.stream().filter(s -> s.type().equals(type)).toList();
    }

    public List<Sent> to(UUID userId) {
        return sent.stream().filter(s -> s.userId().equals(userId)).toList();
    }

    public void clear() {
        sent.clear();
    }
}
