package dev.callboard.messaging;

import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Serializes an event once; the bytes are shared by every recipient. */
@Component
public class EventCodec {
    private static final byte[] RELAYED_PREFIX = "{\"type\":\"call.signal\"".getBytes(StandardCharsets.UTF_8);

    private final JsonMapper mapper;

    public EventCodec(JsonMapper mapper) {
        this.mapper = mapper;
    }

    public byte[] encode(OutboundEvent event) {
        return mapper.writeValueAsBytes(event);
    }

    /**
     * Whether an encoded event is relayed WebRTC signalling ({@code call.signal}): the one kind of
     * event that no {@code hello} repeats, so it must never be dropped in favour of a newer hello.
     * Every other event is state that the next hello shows. (The type is the first field.)
     */
    public static boolean isRelayed(byte[] encoded) {
        return encoded.length >= RELAYED_PREFIX.length
                && Arrays.equals(encoded, 0, RELAYED_PREFIX.length, RELAYED_PREFIX, 0, RELAYED_PREFIX.length);
    }
}
