package dev.callboard.realtime;

import dev.callboard.auth.Credentials;
import dev.callboard.auth.HostJwtVerifier;
import dev.callboard.auth.Session;
import dev.callboard.error.DomainException;
import dev.callboard.messaging.InboundMessageHandler;
import dev.callboard.presence.PresenceEngine;
import dev.callboard.presence.PresenceUpdate;
import dev.callboard.web.ErrorMapping;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.socket.CloseStatus;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses one client frame and hands it to the right handler: the built-in {@code heartbeat},
 * {@code presence.set}, {@code session.refresh} and {@code bye}, or a feature's {@link InboundMessageHandler}. Any message
 * with an {@code id} is answered with {@code ack} or {@code error} carrying the same id.
 */
@Component
public class InboundDispatcher {
    private static final Logger log = LoggerFactory.getLogger(InboundDispatcher.class);
    private static final int MAX_ID_LENGTH = 64;

    private final PresenceEngine presence;
    private final JsonMapper mapper;
    private final Clock clock;
    private final Credentials credentials;
    private final ConnectionRegistry connections;
    private final Map<String, InboundMessageHandler> handlers = new HashMap<>();

    public InboundDispatcher(PresenceEngine presence, JsonMapper mapper, Clock clock, Credentials credentials,
                             ConnectionRegistry connections,
                             List<InboundMessageHandler> featureHandlers) {
        this.presence = presence;
        this.mapper = mapper;
        this.clock = clock;
        this.credentials = credentials;
        this.connections = connections;
        for (InboundMessageHandler h : featureHandlers) handlers.put(h.type(), h);
    }

    /** Answers the frame (if it has an id) with the error, without handling it. */
    void refuse(Connection c, String text, DomainException why) {
        String id = null;
        try {
            JsonNode root = mapper.readTree(text);
            if (root != null && root.path("id").isString() && root.get("id").asString().length() <= MAX_ID_LENGTH) id = root.get("id").asString();
        } catch (JacksonException e) {
            // no id to answer
        }
        if (id != null) reply(c, id, "error", error(why.code(), why.getMessage()));
    }

    void dispatch(Connection c, String text) {
        if (c.isClosed()) return; // after bye (or any close) the frames still on their way are not applied
        JsonNode root;
        try {
            root = mapper.readTree(text);
        } catch (JacksonException e) {
            reply(c, null, "error", error("bad_request", "malformed JSON"));
            return;
        }
        if (root == null || !root.isObject() || !root.path("type").isString()) {
            reply(c, null, "error", error("bad_request", "a message is {\"type\": string, \"id\"?: string, \"data\"?: object}"));
            return;
        }
        String type = root.get("type").asString();
        JsonNode idNode = root.get("id");
        if (idNode != null && !idNode.isNull() && !idNode.isString()) {
            reply(c, null, "error", error("bad_request", "id must be a string"));
            return;
        }
        String id = idNode == null || idNode.isNull() ? null : idNode.asString();
        if (id != null && id.length() > MAX_ID_LENGTH) {
            reply(c, null, "error", error("bad_request", "id must be at most " + MAX_ID_LENGTH + " characters"));
            return;
        }
        JsonNode data = root.get("data");
        if (data != null && !data.isNull() && !data.isObject()) {
            reply(c, id, "error", error("bad_request", "data must be an object"));
            return;
        }
        if (data == null || data.isNull()) data = mapper.createObjectNode();
        if (JsonText.containsNul(data)) {
            // PostgreSQL cannot store U+0000, and no field has a use for it.
            reply(c, id, "error", error("bad_request", "strings must not contain NUL characters"));
            return;
        }
        try {
            Object result = handle(c, type, data);
            if (id != null) reply(c, id, "ack", result);
        } catch (RuntimeException e) {
            ErrorMapping.ClientError refused = ErrorMapping.ofClientMistake(e);
            if (refused == null) refused = ErrorMapping.ofUnavailableDatabase(e);
            if (refused == null) {
                log.error("Failed to handle '{}' from user {}", type, c.user().id(), e);
                refused = ErrorMapping.internal();
            }
            reply(c, id, "error", error(refused.code(), refused.message()));
        }
    }

    private Object handle(Connection c, String type, JsonNode data) {
        switch (type) {
            case "heartbeat" -> {
                presence.heartbeat(c.user().id(), c.user().role(), c.deviceId(), c.id(), lastInputAt(data), data.path("focused").asBoolean(true));
                return null;
            }
            case "presence.set" -> {
                return presence.choose(c.user().id(), c.user().role(), PresenceUpdate.parse(data));
            }
            case "session.refresh" -> {
                return refresh(c, data);
            }
            case "bye" -> {
                c.close(CloseStatus.NORMAL);
                return null;
            }
            default -> {
                InboundMessageHandler handler = handlers.get(type);
                if (handler == null) throw DomainException.invalid("unknown_type", "unknown message type '" + type + "'");
                return handler.handle(c.device(), data);
            }
        }
    }

    /**
     * The client has a new token (its host refreshed it before the old one expired): the socket moves
     * to the new session instead of closing when the old one ends. The token must be the same user's
     * with the same role; a new role closes the socket (4003) so that it reconnects with it.
     */
    private Map<String, Object> refresh(Connection c, JsonNode data) {
        JsonNode token = data.get("token");
        if (token == null || !token.isString() || token.asString().isEmpty()) throw DomainException.invalid("token is required");
        long checkedAt = System.nanoTime();
        Session next;
        try {
            next = credentials.authenticate(token.asString());
        } catch (HostJwtVerifier.KeysUnavailable e) {
            throw DomainException.conflict("identity_provider_unavailable", "the identity provider's keys cannot be fetched; try again shortly");
        }
        if (!next.user().id().equals(c.user().id())) throw DomainException.forbidden("that token belongs to another user");
        if (next.user().role() != c.user().role()) {
            c.close(ConnectionRegistry.SESSION_ENDED);
            return Map.of("reconnect", true);
        }
        c.continueIn(next, checkedAt);
        // ended between the lookup and the move: the sweep matched the old session, so close it here
        if (connections.sessionEndedSinceCheck(c)) {
            c.close(ConnectionRegistry.SESSION_ENDED);
            return Map.of("reconnect", true);
        }
        return Map.of("expiresAt", next.expiresAt().toString());
    }

    /** Accepts an ISO-8601 instant or epoch milliseconds; {@code idleMs} (immune to client clock skew) wins if given. */
    private Instant lastInputAt(JsonNode data) {
        JsonNode idle = data.get("idleMs");
        if (idle != null && !idle.isNull()) {
            return clock.instant().minusMillis(JsonText.millis(idle, "idleMs"));
        }
        JsonNode at = data.get("lastInputAt");
        if (at == null || at.isNull()) return null;
        if (at.isNumber()) return Instant.ofEpochMilli(JsonText.millis(at, "lastInputAt"));
        if (at.isString()) {
            try {
                return Instant.parse(at.asString());
            } catch (DateTimeParseException e) {
                throw DomainException.invalid("lastInputAt must be an ISO-8601 instant or epoch milliseconds");
            }
        }
        throw DomainException.invalid("lastInputAt must be an ISO-8601 instant or epoch milliseconds");
    }

    private static Map<String, String> error(String code, String message) {
        return Map.of("code", code, "message", message);
    }

    private void reply(Connection c, String id, String type, Object data) {
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("type", type);
        if (id != null) frame.put("id", id);
        if (data != null) frame.put("data", data);
        c.send(mapper.writeValueAsBytes(frame));
    }

}
