package dev.callboard.client;

import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * Something the server pushed over the WebSocket. There is one record per event type of the
 * protocol; a type this SDK does not know arrives as {@link Unknown} and a frame it cannot read as
 * {@link Malformed}, so a newer server never breaks an older client.
 */
public sealed interface Event {

    /** The protocol name of the event, e.g. {@code presence.changed}. */
    String type();

    /**
     * The snapshot the server sends first on every (re)connect. After a reconnect it is delivered
     * again, so a listener that resyncs on {@code Hello} never misses what happened while offline.
     */
    record Hello(
            User me,
            String deviceId,
            String beaconKey,
            int heartbeatIntervalSeconds,
            List<Presence> presence,
            int unseenMissedCalls,
            List<Call> activeCalls) implements Event {

        public Hello {
            presence = presence == null ? List.of() : List.copyOf(presence);
            activeCalls = activeCalls == null ? List.of() : List.copyOf(activeCalls);
        }

        @Override
        public String type() {
            return "hello";
        }
    }

    /** A visible user's presence changed; carries the new presence. */
    record PresenceChanged(Presence presence) implements Event {
        @Override
        public String type() {
            return "presence.changed";
        }
    }

    /** Any of the {@code call.*} lifecycle events; all carry the call as it is now. */
    sealed interface CallEvent extends Event {
        Call call();
    }

    /** Rings this device: someone is calling me. */
    record CallIncoming(Call call) implements CallEvent {
        @Override
        public String type() {
            return "call.incoming";
        }
    }

    /** My outgoing call rings at the callee. */
    record CallRinging(Call call) implements CallEvent {
        @Override
        public String type() {
            return "call.ringing";
        }
    }

    record CallAnswered(Call call) implements CallEvent {
        @Override
        public String type() {
            return "call.answered";
        }
    }

    /** Another of my devices answered; this one stops ringing. */
    record CallAnsweredElsewhere(Call call) implements CallEvent {
        @Override
        public String type() {
            return "call.answered_elsewhere";
        }
    }

    record CallDeclined(Call call) implements CallEvent {
        @Override
        public String type() {
            return "call.declined";
        }
    }

    record CallCancelled(Call call) implements CallEvent {
        @Override
        public String type() {
            return "call.cancelled";
        }
    }

    record CallMissed(Call call) implements CallEvent {
        @Override
        public String type() {
            return "call.missed";
        }
    }

    record CallEnded(Call call) implements CallEvent {
        @Override
        public String type() {
            return "call.ended";
        }
    }

    record CallFailed(Call call) implements CallEvent {
        @Override
        public String type() {
            return "call.failed";
        }
    }

    /** WebRTC signalling relayed from the other party; exactly one of sdp and candidate is set. */
    record CallSignal(UUID callId, UUID fromUserId, String fromDeviceId, Sdp sdp, IceCandidate candidate)
            implements Event {
        @Override
        public String type() {
            return "call.signal";
        }
    }

    record MissedCallCreated(MissedCall missedCall) implements Event {
        @Override
        public String type() {
            return "missed_call.created";
        }
    }

    /** My unseen missed-call count changed. */
    record MissedCallsCount(int count) implements Event {
        @Override
        public String type() {
            return "missed_calls.count";
        }
    }

    /**
     * An {@code error} from the server that answers no pending request (errors for a request of
     * mine fail that request's future instead). {@code id} is the request id, if any.
     */
    record ServerError(String id, String code, String message) implements Event {
        @Override
        public String type() {
            return "error";
        }
    }

    /** An {@code ack} for an id this session is not waiting on (e.g. sent with {@code sendRaw}). */
    record Ack(String id, JsonNode data) implements Event {
        @Override
        public String type() {
            return "ack";
        }
    }

    /** An event type this SDK does not know; {@code data} is the raw payload. */
    record Unknown(String type, JsonNode data) implements Event {
    }

    /** A frame that is not a valid envelope, or whose data does not fit its type. */
    record Malformed(String type, String text, String problem) implements Event {
    }
}
