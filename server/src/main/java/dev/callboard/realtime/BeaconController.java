package dev.callboard.realtime;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.socket.CloseStatus;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * {@code navigator.sendBeacon} from a closing tab: the device leaves at once instead of after missed
 * heartbeats. Beacons cannot carry headers, so the proof is the per-connection {@code beaconKey}
 * from {@code hello}, never a bearer token. The answer is 204 whether or not a device matched.
 */
@RestController
public class BeaconController {
    public static final CloseStatus TAB_CLOSED = new CloseStatus(1001, "beacon: tab closed");
    private final ConnectionRegistry registry;
    private final JsonMapper mapper;

    public BeaconController(ConnectionRegistry registry, JsonMapper mapper) {
        this.registry = registry;
        this.mapper = mapper;
    }

    /** Takes the body as text: sendBeacon posts text/plain, which needs no CORS preflight. */
    @PostMapping("/api/realtime/beacon")
    public ResponseEntity<Void> beacon(@RequestBody(required = false) String body) {
        JsonNode json;
        try {
            json = body == null ? null : mapper.readTree(body);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("malformed JSON");
        }
        if (json == null || !json.path("userId").isString() || !json.path("deviceId").isString() || !json.path("beaconKey").isString()) {
            throw new IllegalArgumentException("a beacon is {\"userId\", \"deviceId\", \"beaconKey\"}");
        }
        UUID userId;
        try {
            userId = UUID.fromString(json.get("userId").asString());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("userId must be a UUID");
        }
        Connection c = registry.find(userId, json.get("deviceId").asString());
        if (c != null && MessageDigest.isEqual(c.beaconKey().getBytes(StandardCharsets.UTF_8),
                json.get("beaconKey").asString().getBytes(StandardCharsets.UTF_8))) {
            c.close(TAB_CLOSED);
        }
        return ResponseEntity.noContent().build();
    }
}
