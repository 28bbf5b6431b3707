package dev.callboard.presence;

import dev.callboard.error.DomainException;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.Iterator;
import java.util.Set;

/**
 * A user's own change of manual status and/or message, from {@code PUT /api/presence/me} or the
 * {@code presence.set} WebSocket message. A field that is absent is left as it is; a field that is
 * null clears it. Unknown fields are rejected so that nothing (e.g. {@code role}) is silently ignored.
 */
public record PresenceUpdate(boolean setsStatus, ManualStatus status, Duration statusDuration,
                             boolean setsMessage, String message, Duration messageDuration) {
    static final int MAX_MESSAGE_LENGTH = 280;
    static final Duration MAX_DURATION = Duration.ofDays(30);
    private static final Set<String> FIELDS = Set.of("status", "durationSeconds", "message", "messageDurationSeconds");

    public static PresenceUpdate parse(JsonNode body) {
        if (body == null || !body.isObject()) throw DomainException.invalid("body must be a JSON object");
        for (Iterator<String> it = body.propertyNames().iterator(); it.hasNext(); ) {
            String name = it.next();
            if (!FIELDS.contains(name)) throw DomainException.invalid("unknown field '" + name + "'");
        }
        boolean setsStatus = body.has("status");
        ManualStatus status = null;
        if (setsStatus && !body.get("status").isNull()) {
            if (!body.get("status").isString()) throw DomainException.invalid("status must be a string or null");
            status = ManualStatus.parse(body.get("status").asString());
        }
        boolean setsMessage = body.has("message");
        String message = null;
        if (setsMessage && !body.get("message").isNull()) {
            if (!body.get("message").isString()) throw DomainException.invalid("message must be a string or null");
            message = body.get("message").asString().strip();
            if (message.indexOf('\0') >= 0) throw DomainException.invalid("message must not contain NUL characters");
            if (message.length() > MAX_MESSAGE_LENGTH) {
                throw DomainException.invalid("message must be at most " + MAX_MESSAGE_LENGTH + " characters");
            }
            if (message.isEmpty()) message = null;
        }
        Duration statusDuration = duration(body, "durationSeconds");
        Duration messageDuration = duration(body, "messageDurationSeconds");
        if (!setsStatus && !setsMessage) throw DomainException.invalid("nothing to change: give status and/or message");
        if (statusDuration != null && status == null) throw DomainException.invalid("durationSeconds needs a status");
        if (messageDuration != null && message == null) throw DomainException.invalid("messageDurationSeconds needs a message");
        return new PresenceUpdate(setsStatus, status, statusDuration, setsMessage, message, messageDuration);
    }

    private static Duration duration(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) return null;
        if (!node.isIntegralNumber() || node.asLong() < 1) throw DomainException.invalid(field + " must be a positive whole number");
        Duration d = Duration.ofSeconds(node.asLong());
        if (d.compareTo(MAX_DURATION) > 0) throw DomainException.invalid(field + " must be at most 30 days");
        return d;
    }
}
