package dev.callboard.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class EventDecoderTest {

    @Test
    void hello() {
        Event event = EventDecoder.decode(Samples.envelope("hello", """
                {"me":%s,"deviceId":"laptop-1","beaconKey":"bk-9f8e","heartbeatIntervalSeconds":30,
                 "presence":[%s],"unseenMissedCalls":3,"activeCalls":[%s],"serverVersion":"0.1.0"}"""
                .formatted(Samples.ALICE_USER, Samples.BOB_PRESENCE, Samples.RINGING_CALL)));

        assertThat(event).isInstanceOfSatisfying(Event.Hello.class, hello -> {
            assertThat(hello.type()).isEqualTo("hello");
            assertThat(hello.me().id()).isEqualTo(Samples.ALICE);
            assertThat(hello.deviceId()).isEqualTo("laptop-1");
            assertThat(hello.beaconKey()).isEqualTo("bk-9f8e");
            assertThat(hello.heartbeatIntervalSeconds()).isEqualTo(30);
            assertThat(hello.presence()).singleElement().extracting(Presence::userId).isEqualTo(Samples.BOB);
            assertThat(hello.unseenMissedCalls()).isEqualTo(3);
            assertThat(hello.activeCalls()).singleElement().extracting(Call::id).isEqualTo(Samples.CALL);
        });
    }

    @Test
    void helloWithoutOptionalListsHasEmptyLists() {
        Event event = EventDecoder.decode(Samples.envelope("hello", "{\"me\":" + Samples.ALICE_USER
                + ",\"deviceId\":\"d\",\"beaconKey\":\"k\",\"heartbeatIntervalSeconds\":30}"));

        assertThat(event).isInstanceOfSatisfying(Event.Hello.class, hello -> {
            assertThat(hello.presence()).isEmpty();
            assertThat(hello.activeCalls()).isEmpty();
            assertThat(hello.unseenMissedCalls()).isZero();
        });
    }

    @Test
    void presenceChanged() {
        Event event = EventDecoder.decode(Samples.envelope("presence.changed", Samples.BOB_PRESENCE));

        assertThat(event).isInstanceOfSatisfying(Event.PresenceChanged.class, changed -> {
            assertThat(changed.presence().userId()).isEqualTo(Samples.BOB);
            assertThat(changed.presence().status()).isEqualTo(PresenceStatus.BE_RIGHT_BACK);
        });
    }

    static Stream<Arguments> callEvents() {
        return Stream.of(
                Arguments.of("call.incoming", Event.CallIncoming.class),
                Arguments.of("call.ringing", Event.CallRinging.class),
                Arguments.of("call.answered", Event.CallAnswered.class),
                Arguments.of("call.answered_elsewhere", Event.CallAnsweredElsewhere.class),
                Arguments.of("call.declined", Event.CallDeclined.class),
                Arguments.of("call.cancelled", Event.CallCancelled.class),
                Arguments.of("call.missed", Event.CallMissed.class),
                Arguments.of("call.ended", Event.CallEnded.class),
                Arguments.of("call.failed", Event.CallFailed.class));
    }

    @ParameterizedTest
    @MethodSource("callEvents")
    void callEventsCarryTheCall(String type, Class<? extends Event.CallEvent> expected) {
        Event event = EventDecoder.decode(Samples.envelope(type, "{\"call\":" + Samples.ENDED_CALL + ",\"node\":\"n2\"}"));

        assertThat(event).isInstanceOf(expected);
        assertThat(event.type()).isEqualTo(type);
        assertThat(((Event.CallEvent) event).call().durationSeconds()).isEqualTo(300);
    }

    @Test
    void signalWithSdp() {
        Event event = EventDecoder.decode(Samples.envelope("call.signal", """
                {"callId":"%s","fromUserId":"%s","fromDeviceId":"phone-2",
                 "sdp":{"type":"answer","sdp":"v=0\\r\\no=- 46117 2 IN IP4 127.0.0.1\\r\\n"}}"""
                .formatted(Samples.CALL, Samples.BOB)));

        assertThat(event).isEqualTo(new Event.CallSignal(Samples.CALL, Samples.BOB, "phone-2",
                Sdp.answer("v=0\r\no=- 46117 2 IN IP4 127.0.0.1\r\n"), null));
    }

    @Test
    void signalWithCandidate() {
        Event event = EventDecoder.decode(Samples.envelope("call.signal", """
                {"callId":"%s","fromUserId":"%s","fromDeviceId":"phone-2",
                 "candidate":{"candidate":"candidate:842163049 1 udp 1677729535 203.0.113.7 46154 typ srflx",
                  "sdpMid":"0","sdpMLineIndex":0,"usernameFragment":"a1b2"}}"""
                .formatted(Samples.CALL, Samples.BOB)));

        assertThat(event).isInstanceOfSatisfying(Event.CallSignal.class, signal -> {
            assertThat(signal.sdp()).isNull();
            assertThat(signal.candidate()).isEqualTo(new IceCandidate(
                    "candidate:842163049 1 udp 1677729535 203.0.113.7 46154 typ srflx", "0", 0, "a1b2"));
        });
    }

    @Test
    void missedCallCreatedAndCount() {
        Event created = EventDecoder.decode(Samples.envelope("missed_call.created", "{\"missedCall\":" + Samples.MISSED_CALL + "}"));
        Event count = EventDecoder.decode(Samples.envelope("missed_calls.count", "{\"count\":4}"));

        assertThat(created).isInstanceOfSatisfying(Event.MissedCallCreated.class,
                e -> assertThat(e.missedCall().id()).isEqualTo(Samples.MISSED));
        assertThat(count).isEqualTo(new Event.MissedCallsCount(4));
    }

    @Test
    void ackAndErrorKeepTheirIds() {
        Event ack = EventDecoder.decode("{\"type\":\"ack\",\"id\":\"7\",\"data\":{\"status\":\"busy\"}}");
        Event bareAck = EventDecoder.decode("{\"type\":\"ack\",\"id\":\"8\"}");
        Event error = EventDecoder.decode(
                "{\"type\":\"error\",\"id\":\"9\",\"data\":{\"code\":\"not_found\",\"message\":\"No such call\"}}");
        Event unsolicited = EventDecoder.decode(
                "{\"type\":\"error\",\"data\":{\"code\":\"rate_limited\",\"message\":\"Slow down\"}}");

        assertThat(ack).isInstanceOfSatisfying(Event.Ack.class, a -> {
            assertThat(a.id()).isEqualTo("7");
            assertThat(a.data().path("status").asString()).isEqualTo("busy");
        });
        assertThat(bareAck).isInstanceOfSatisfying(Event.Ack.class, a -> assertThat(a.data().isEmpty()).isTrue());
        assertThat(error).isEqualTo(new Event.ServerError("9", "not_found", "No such call"));
        assertThat(unsolicited).isEqualTo(new Event.ServerError(null, "rate_limited", "Slow down"));
    }

    @Test
    void unknownTypesArriveAsUnknownWithTheirData() {
        Event event = EventDecoder.decode("{\"type\":\"chat.message\",\"data\":{\"text\":\"hi\"},\"v\":2}");

        assertThat(event).isInstanceOfSatisfying(Event.Unknown.class, unknown -> {
            assertThat(unknown.type()).isEqualTo("chat.message");
            assertThat(unknown.data().path("text").asString()).isEqualTo("hi");
        });
    }

    @Test
    void unknownTypeWithoutDataGetsAnEmptyObject() {
        assertThat(EventDecoder.decode("{\"type\":\"ping\"}"))
                .isInstanceOfSatisfying(Event.Unknown.class, unknown -> assertThat(unknown.data().isObject()).isTrue());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "not json",
            "[1,2,3]",
            "{\"data\":{}}",
            "{\"type\":42}",
            "{\"type\":\"call.incoming\",\"data\":{}}",
            "{\"type\":\"call.ringing\",\"data\":{\"call\":\"c0ffee\"}}",
            "{\"type\":\"presence.changed\",\"data\":{\"userId\":\"not-a-uuid\"}}",
            "{\"type\":\"missed_calls.count\",\"data\":{\"count\":\"many\"}}",
            "{\"type\":\"hello\",\"data\":[]}",
    })
    void badFramesArriveAsMalformedInsteadOfThrowing(String text) {
        Event event = EventDecoder.decode(text);

        assertThat(event).isInstanceOfSatisfying(Event.Malformed.class, malformed -> {
            assertThat(malformed.text()).isEqualTo(text);
            assertThat(malformed.problem()).isNotBlank();
        });
    }

    @Test
    void malformedKeepsTheTypeWhenKnown() {
        assertThat(EventDecoder.decode("{\"type\":\"call.ended\",\"data\":{}}"))
                .isInstanceOfSatisfying(Event.Malformed.class, m -> assertThat(m.type()).isEqualTo("call.ended"));
    }
}
