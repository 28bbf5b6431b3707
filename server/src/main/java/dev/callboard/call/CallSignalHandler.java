package dev.callboard.call;

import dev.callboard.error.DomainException;
import dev.callboard.messaging.DeviceContext;
import dev.callboard.messaging.InboundMessageHandler;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

import java.util.UUID;

/** The {@code call.signal} WebSocket message: {@code {callId, sdp | candidate}}. */
@Component
public class CallSignalHandler implements InboundMessageHandler {
    private final CallSignalling signalling;

    public CallSignalHandler(CallSignalling signalling) {
        this.signalling = signalling;
    }

    @Override
    public String type() {
        return CallSignalling.SIGNAL;
    }

    @Override
    public Object handle(DeviceContext device, JsonNode data) {
        if (data == null || !data.isObject()) throw DomainException.invalid("call.signal data must be an object");
        signalling.relay(device.user(), device.deviceId(), callId(data.get("callId")),
                present(data.get("sdp")), present(data.get("candidate")));
        return null;
    }

    private static UUID callId(JsonNode node) {
        if (node == null || !node.isString()) throw DomainException.invalid("callId is required");
        try {
            return UUID.fromString(node.asString());
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid("callId is not a call id");
        }
    }

    private static JsonNode present(JsonNode node) {
        return node == null || node.isNull() ? null : node;
    }
}
