package dev.callboard.client;

import java.util.function.Function;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** Turns one WebSocket text message into an {@link Event}. Pure and thread-safe; never throws. */
final class EventDecoder {

    private EventDecoder() {
    }

    static Event decode(String text) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(text);
        } catch (JacksonException e) {
            return new Event.Malformed(null, text, "not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            return new Event.Malformed(null, text, "not a JSON object");
        }
        String type = Json.text(root.get("type"));
        if (type == null) {
            return new Event.Malformed(null, text, "no type");
        }
        JsonNode data = root.get("data");
        if (data == null || data.isNull()) {
            data = Json.MAPPER.createObjectNode();
        }
        try {
            return decode(type, Json.text(root.get("id")), data);
        } catch (JacksonException | IllegalArgumentException e) {
            String problem = e instanceof JacksonException je ? je.getOriginalMessage() : e.getMessage();
            return new Event.Malformed(type, text, problem);
        }
    }

    private static Event decode(String type, String id, JsonNode data) {
        return switch (type) {
            case "hello" -> read(data, Event.Hello.class);
            case "presence.changed" -> new Event.PresenceChanged(read(data, Presence.class));
            case "call.incoming" -> callEvent(data, Event.CallIncoming::new);
            case "call.ringing" -> callEvent(data, Event.CallRinging::new);
            case "call.answered" -> callEvent(data, Event.CallAnswered::new);
            case "call.answered_elsewhere" -> callEvent(data, Event.CallAnsweredElsewhere::new);
            case "call.declined" -> callEvent(data, Event.CallDeclined::new);
            case "call.cancelled" -> callEvent(data, Event.CallCancelled::new);
            case "call.missed" -> callEvent(data, Event.CallMissed::new);
            case "call.ended" -> callEvent(data, Event.CallEnded::new);
            case "call.failed" -> callEvent(data, Event.CallFailed::new);
            case "call.signal" -> read(data, Event.CallSignal.class);
            case "missed_call.created" -> new Event.MissedCallCreated(read(data.get("missedCall"), MissedCall.class));
            case "missed_calls.count" -> new Event.MissedCallsCount(requireNumber(data.get("count")));
            case "ack" -> new Event.Ack(id, data);
            case "error" -> new Event.ServerError(id, Json.text(data.get("code")), Json.text(data.get("message")));
            default -> new Event.Unknown(type, data);
        };
    }

    private static Event callEvent(JsonNode data, Function<Call, Event> constructor) {
        return constructor.apply(read(data.get("call"), Call.class));
    }

    private static <T> T read(JsonNode node, Class<T> type) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("expected an object for " + type.getSimpleName());
        }
        return Json.MAPPER.treeToValue(node, type);
    }

    private static int requireNumber(JsonNode node) {
        if (node == null || !node.isNumber()) {
            throw new IllegalArgumentException("expected a number");
        }
        return node.asInt();
    }
}
