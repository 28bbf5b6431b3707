package dev.callboard.messaging;

import tools.jackson.databind.JsonNode;

/**
 * Handles one client → server WebSocket message type (e.g. {@code call.signal}). Features
 * register a bean; the gateway parses, authenticates and dispatches. Runs on a virtual thread,
 * in order per connection. Throw {@link dev.callboard.error.DomainException} to answer with an
 * {@code error} frame carrying the message id; the connection stays open.
 */
public interface InboundMessageHandler {
    String type();

    /** @return data for an {@code ack} frame (may be null for a bare ack) */
    Object handle(DeviceContext device, JsonNode data);
}
