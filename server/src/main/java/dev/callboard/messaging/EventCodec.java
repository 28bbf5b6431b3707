package dev.callboard.messaging;

import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Serializes an event once; the bytes are shared by every recipient. */
@Component
public class EventCodec {
    private final JsonMapper mapper;

    public EventCodec(JsonMapper mapper) {
        this.mapper = mapper;
    }

    public byte[] encode(OutboundEvent event) {
        return mapper.writeValueAsBytes(event);
    }
}
