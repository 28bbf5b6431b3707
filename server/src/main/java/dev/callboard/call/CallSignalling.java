package dev.callboard.call;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.callboard.error.DomainException;
import dev.callboard.identity.CurrentUser;
import dev.callboard.messaging.EventBus;
import dev.callboard.messaging.OutboundEvent;
import org.springframework.stereotype.Service;

import java.util.UUID;

/**
 * Relays WebRTC signalling (SDP and ICE candidates) between the two parties of a call and no one
 * else. While ringing, only the caller signals, to every ringing device of the callee; once
 * answered, only the caller's device and the answering device talk, to each other. The caller's
 * device is the one that sent the caller's first signal.
 */
@Service
public class CallSignalling {
    public static final String SIGNAL = "call.signal";

    /** The relayed message; {@code sdp} and {@code candidate} are passed through untouched. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Signal(UUID callId, UUID fromUserId, String fromDeviceId, Object sdp, Object candidate) {}

    private final CallRepository calls;
    private final EventBus bus;

    public CallSignalling(CallRepository calls, EventBus bus) {
        this.calls = calls;
        this.bus = bus;
    }

    public void relay(CurrentUser user, String deviceId, UUID callId, Object sdp, Object candidate) {
        if (sdp == null && candidate == null) throw DomainException.invalid("call.signal needs sdp or candidate");
        // Admins may read other people's calls, but never take part in their signalling.
        Call call = calls.find(callId).filter(c -> c.isParty(user.id())).orElseThrow(CallService::notFound);
        if (!call.status().isActive()) throw notInProgress(call);
        OutboundEvent event = new OutboundEvent(SIGNAL, new Signal(callId, user.id(), deviceId, sdp, candidate));
        if (call.callerId().equals(user.id())) {
            fromCaller(call, deviceId, event);
        } else {
            fromCallee(call, deviceId, event);
        }
    }

    private void fromCaller(Call call, String deviceId, OutboundEvent event) {
        Call current = calls.pinCallerDevice(call.id(), deviceId).orElseThrow(() -> {
            Call now = calls.find(call.id()).orElse(call);
            return now.status().isActive()
                    ? DomainException.conflict("wrong_device", "this call is being placed from another of your devices")
                    : notInProgress(now);
        });
        if (current.status() == CallStatus.ANSWERED) {
            bus.toDevice(current.calleeId(), current.answeredDeviceId(), event);
        } else {
            bus.toUser(current.calleeId(), event);
        }
    }

    private void fromCallee(Call call, String deviceId, OutboundEvent event) {
        if (call.status() != CallStatus.ANSWERED) {
            throw DomainException.conflict("not_answered", "answer the call before signalling");
        }
        if (!deviceId.equals(call.answeredDeviceId())) {
            throw DomainException.conflict("wrong_device", "this call was answered on another of your devices");
        }
        if (call.callerDeviceId() != null) {
            bus.toDevice(call.callerId(), call.callerDeviceId(), event);
        } else {
            bus.toUser(call.callerId(), event);
        }
    }

    private static DomainException notInProgress(Call call) {
        return DomainException.conflict("invalid_transition", "call is " + call.status().wire() + ", not in progress");
    }
}
