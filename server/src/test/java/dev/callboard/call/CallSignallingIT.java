package dev.callboard.call;

import dev.callboard.identity.CurrentUser;
import dev.callboard.messaging.DeviceContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.util.Map;

import static dev.callboard.call.CallFlowIT.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** call.signal goes between the two parties only, and after the answer only between two devices. */
class CallSignallingIT {
    private static final CallFixture f = new CallFixture();
    private static final Map<String, String> OFFER = Map.of("type", "offer", "sdp", "v=0...");
    private static final Map<String, String> ANSWER = Map.of("type", "answer", "sdp", "v=0...");
    private static final Map<String, Object> CANDIDATE = Map.of("candidate", "candidate:1 1 udp 1 10.0.0.1 9 typ host");

    private CurrentUser admin;
    private CurrentUser client;
    private Call call;

    @BeforeEach
    void ringing() {
        admin = f.admin("Ada");
        client = f.client("Carl");
        f.presence.online(admin.id(), "ada-1", "ada-2");
        f.presence.online(client.id(), "carl-1", "carl-2");
        call = f.ring(admin, client);
        f.bus.clear();
    }

    @AfterAll
    static void close() {
        f.close();
    }

    @Test
    void beforeTheAnswerTheCallerReachesEveryRingingDevice() {
        f.signalling.relay(admin, "ada-1", call.id(), OFFER, null);

        RecordingEventBus.Sent sent = f.bus.ofType(CallSignalling.SIGNAL).getFirst();
        assertThat(f.bus.all()).hasSize(1);
        assertThat(sent.userId()).isEqualTo(client.id());
        assertThat(sent.deviceId()).isNull();
        assertThat(sent.event().data()).isEqualTo(new CallSignalling.Signal(call.id(), admin.id(), "ada-1", OFFER, null));
    }

    @Test
    void theCalleeMayNotSignalBeforeAnswering() {
        assertThatThrownBy(() -> f.signalling.relay(client, "carl-1", call.id(), ANSWER, null)).satisfies(status(409));
        assertThat(f.bus.all()).isEmpty();
    }

    @Test
    void afterTheAnswerOnlyTheTwoDevicesTalk() {
        f.signalling.relay(admin, "ada-1", call.id(), OFFER, null);
        f.service.answer(client, call.id(), "carl-2");
        f.bus.clear();

        f.signalling.relay(client, "carl-2", call.id(), ANSWER, null);
        f.signalling.relay(admin, "ada-1", call.id(), null, CANDIDATE);

        assertThat(f.bus.ofType(CallSignalling.SIGNAL)).extracting(s -> s.userId() + "/" + s.deviceId())
                .containsExactly(admin.id() + "/ada-1", client.id() + "/carl-2");
        assertThatThrownBy(() -> f.signalling.relay(client, "carl-1", call.id(), null, CANDIDATE)).satisfies(status(409));
        assertThatThrownBy(() -> f.signalling.relay(admin, "ada-2", call.id(), null, CANDIDATE)).satisfies(status(409));
        assertThat(f.bus.all()).hasSize(2);
    }

    @Test
    void nobodyElseCanSignalIntoTheCall() {
        CurrentUser stranger = f.client("Stan");
        CurrentUser otherAdmin = f.admin("Olga");
        assertThatThrownBy(() -> f.signalling.relay(stranger, "s-1", call.id(), OFFER, null)).satisfies(status(404));
        assertThatThrownBy(() -> f.signalling.relay(otherAdmin, "o-1", call.id(), OFFER, null)).satisfies(status(404));
        assertThat(f.bus.all()).isEmpty();
    }

    @Test
    void theWebSocketHandlerPassesSdpAndCandidateThroughAndRejectsBadMessages() {
        CallSignalHandler handler = new CallSignalHandler(f.signalling);
        DeviceContext adaLaptop = new DeviceContext(admin, "ada-1");
        ObjectNode data = JsonMapper.shared().createObjectNode().put("callId", call.id().toString());
        data.putObject("sdp").put("type", "offer").put("sdp", "v=0");

        assertThat(handler.type()).isEqualTo("call.signal");
        assertThat(handler.handle(adaLaptop, data)).isNull();
        CallSignalling.Signal relayed = (CallSignalling.Signal) f.bus.ofType(CallSignalling.SIGNAL).getFirst().event().data();
        assertThat(relayed.sdp()).isEqualTo(data.get("sdp"));
        assertThat(relayed.candidate()).isNull();

        ObjectNode noId = JsonMapper.shared().createObjectNode();
        noId.putObject("sdp");
        ObjectNode badId = JsonMapper.shared().createObjectNode().put("callId", "nope");
        badId.putObject("sdp");
        ObjectNode nothing = JsonMapper.shared().createObjectNode().put("callId", call.id().toString()).putNull("sdp");
        for (ObjectNode bad : new ObjectNode[] {noId, badId, nothing}) {
            assertThatThrownBy(() -> handler.handle(adaLaptop, bad)).satisfies(status(400));
        }
        assertThat(f.bus.all()).hasSize(1);
    }

    @Test
    void aFinishedCallCarriesNoSignalsAndEmptySignalsAreRejected() {
        assertThatThrownBy(() -> f.signalling.relay(admin, "ada-1", call.id(), null, null)).satisfies(status(400));
        f.service.cancel(admin, call.id(), null);
        f.bus.clear();
        assertThatThrownBy(() -> f.signalling.relay(admin, "ada-1", call.id(), OFFER, null)).satisfies(status(409));
        assertThat(f.bus.all()).isEmpty();
    }
}
