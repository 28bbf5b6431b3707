package dev.callboard.messaging;

/**
 * A server → client event, {@code {"type": type, "data": data}}. The bus serializes it once
 * and sends the same bytes to every recipient.
 */
public record OutboundEvent(String type, Object data) {}
