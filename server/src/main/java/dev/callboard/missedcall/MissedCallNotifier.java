package dev.callboard.missedcall;

import dev.callboard.messaging.EventBus;
import dev.callboard.messaging.OutboundEvent;
import org.springframework.stereotype.Component;

import java.util.UUID;

/** Tells all of a callee's devices about a new missed call and about the unseen count. Call after commit. */
@Component
public class MissedCallNotifier {
    public static final String CREATED = "missed_call.created";
    public static final String COUNT = "missed_calls.count";

    public record CreatedPayload(MissedCall missedCall) {}

    public record CountPayload(int count) {}

    private final MissedCallRepository repository;
    private final EventBus bus;

    public MissedCallNotifier(MissedCallRepository repository, EventBus bus) {
        this.repository = repository;
        this.bus = bus;
    }

    public void created(UUID missedCallId) {
        repository.find(missedCallId).ifPresent(m -> {
            bus.toUser(m.calleeId(), new OutboundEvent(CREATED, new CreatedPayload(m)));
            countChanged(m.calleeId());
        });
    }

    /** @return the count that was announced */
    public int countChanged(UUID calleeId) {
        int count = repository.unseenCount(calleeId);
        bus.toUser(calleeId, new OutboundEvent(COUNT, new CountPayload(count)));
        return count;
    }
}
