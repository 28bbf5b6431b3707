package dev.callboard.call;

import dev.callboard.messaging.EventBus;
import dev.callboard.messaging.OutboundEvent;
import dev.callboard.presence.CallPresence;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.UUID;

/**
 * Announces committed call transitions: events to the parties' devices, the in-call flag and
 * missed-call notifications. Only ever called after the transaction that made the change commits.
 */
@Component
public class CallEvents {
    public static final String INCOMING = "call.incoming";
    public static final String RINGING = "call.ringing";
    public static final String ANSWERED = "call.answered";
    public static final String ANSWERED_ELSEWHERE = "call.answered_elsewhere";

    /** The data of every {@code call.*} event. */
    public record Payload(Call call) {}

    private final EventBus bus;
    private final CallPresence presence;
    private final MissedCalls missedCalls;

    public CallEvents(EventBus bus, CallPresence presence, MissedCalls missedCalls) {
        this.bus = bus;
        this.presence = presence;
        this.missedCalls = missedCalls;
    }

    public void created(CallSetupResult result) {
        if (result.replayed()) return;
        if (result.replaced() != null) finished(result.replaced(), null);
        Call call = result.call();
        if (call.status() == CallStatus.RINGING) {
            bus.toUser(call.calleeId(), event(INCOMING, call));
            bus.toUser(call.callerId(), event(RINGING, call));
        } else {
            finished(call, result.missedCallId());
        }
    }

    public void answered(Call call) {
        presence.callStarted(call.callerId());
        presence.callStarted(call.calleeId());
        OutboundEvent answered = event(ANSWERED, call);
        bus.toUser(call.callerId(), answered);
        bus.toDevice(call.calleeId(), call.answeredDeviceId(), answered);
        OutboundEvent elsewhere = event(ANSWERED_ELSEWHERE, call);
        for (String device : presence.liveDevices(call.calleeId())) {
            if (!device.equals(call.answeredDeviceId())) bus.toDevice(call.calleeId(), device, elsewhere);
        }
    }

    /** A call reached a terminal status; {@code missedCallId} is the record it caused, if any. */
    public void finished(Call call, UUID missedCallId) {
        if (call.answeredAt() != null) {
            presence.callEnded(call.callerId());
            presence.callEnded(call.calleeId());
        }
        bus.toUsers(List.of(call.callerId(), call.calleeId()), event(terminalType(call.status()), call));
        if (missedCallId != null) missedCalls.announce(missedCallId);
    }

    static String terminalType(CallStatus status) {
        return switch (status) {
            case ENDED -> "call.ended";
            case DECLINED -> "call.declined";
            case MISSED -> "call.missed";
            case CANCELLED -> "call.cancelled";
            case FAILED -> "call.failed";
            case RINGING, ANSWERED -> throw new IllegalStateException(status + " is not terminal");
        };
    }

    private static OutboundEvent event(String type, Call call) {
        return new OutboundEvent(type, new Payload(call));
    }
}
