package dev.callboard.realtime;

import dev.callboard.error.DomainException;
import dev.callboard.messaging.EventBus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.UUID;

/**
 * {@code navigator.sendBeacon} from a closing tab: the device leaves at once instead of after missed
 * heartbeats. Beacons cannot carry headers, so the proof is the per-connection {@code beaconKey}
 * from {@code hello}, never a bearer token. The answer is 204 whether or not a device matched.
 */
@RestController
public class BeaconController {
    private final EventBus bus;
    private final JsonMapper mapper;

    public BeaconController(EventBus bus, JsonMapper mapper) {
        this.bus = bus;
        this.mapper = mapper;
    }

    /** Takes the body as text: sendBeacon posts text/plain, which needs no CORS preflight. */
    @PostMapping("/api/realtime/beacon")
    public ResponseEntity<Void> beacon(@RequestBody(required = false) String body) {
        JsonNode json;
        try {
            json = body == null ? null : mapper.readTree(body);
        } catch (JacksonException e) {
            throw DomainException.invalid("malformed JSON");
        }
        if (json == null || !json.path("userId").isString() || !json.path("deviceId").isString() || !json.path("beaconKey").isString()) {
            throw DomainException.invalid("a beacon is {\"userId\", \"deviceId\", \"beaconKey\"}");
        }
        UUID userId;
        try {
            userId = UUID.fromString(json.get("userId").asString());
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid("userId must be a UUID");
        }
        // The socket may be open on another node: the bus finds it and checks the key there.
        bus.closeDevice(userId, json.get("deviceId").asString(), json.get("beaconKey").asString());
        return ResponseEntity.noContent().build();
    }
}
