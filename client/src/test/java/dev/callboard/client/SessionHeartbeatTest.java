package dev.callboard.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Heartbeats and request timeouts against a scripted peer over real sockets. */
class SessionHeartbeatTest extends ScriptedSessionTest {

    SessionHeartbeatTest() throws Exception {
    }

    @Test
    void automaticHeartbeatsReportLastInputAndFocus() throws Exception {
        Instant lastInput = Instant.parse("2026-11-24T04:10:33.123456Z");
        ScriptedWebSocketServer.Peer peer = connect(SessionOptions.builder().heartbeatAcks(false)
                .heartbeatInterval(Duration.ofMillis(20)).lastInputAt(() -> lastInput).focused(() -> false).build());

        JsonNode first = Json.MAPPER.readTree(peer.nextText());
        session.setLastInputSupplier(() -> Instant.parse("2026-11-24T04:20:00Z"));
        JsonNode later = Json.MAPPER.readTree(peer.nextText());
        while (later.path("data").path("lastInputAt").asString().startsWith("2026-11-24T04:10")) {
            later = Json.MAPPER.readTree(peer.nextText()); // a beat already under way when the supplier changed
        }

        assertThat(first.path("type").asString()).isEqualTo("heartbeat");
        assertThat(first.has("id")).isFalse();
        assertThat(first.path("data").path("lastInputAt").asString()).isEqualTo("2026-11-24T04:10:33.123Z");
        assertThat(first.path("data").path("focused").asBoolean(true)).isFalse();
        assertThat(later.path("data").path("lastInputAt").asString()).isEqualTo("2026-11-24T04:20:00Z");
    }

    @Test
    void automaticHeartbeatThatIsNeverAckedDropsTheConnection() throws Exception {
        ScriptedWebSocketServer.Peer peer = connect(SessionOptions.builder()
                .heartbeatInterval(Duration.ofMillis(20)).requestTimeout(Duration.ofMillis(200)).build());

        JsonNode heartbeat = Json.MAPPER.readTree(peer.nextText());

        assertThat(heartbeat.has("id")).isTrue();
        CloseStatus status = session.closed().get(10, TimeUnit.SECONDS);
        assertThat(status.code()).isEqualTo(CloseStatus.ABNORMAL);
        assertThat(status.reason()).contains("no ack to a heartbeat");
    }

    @Test
    void ackedAutomaticHeartbeatsKeepTheConnection() throws Exception {
        ScriptedWebSocketServer.Peer peer = connect(SessionOptions.builder()
                .heartbeatInterval(Duration.ofMillis(20)).requestTimeout(Duration.ofMillis(100)).build());

        for (int i = 0; i < 10; i++) { // ten beats span five request timeouts
            JsonNode heartbeat = Json.MAPPER.readTree(peer.nextText());
            peer.sendText("{\"type\":\"ack\",\"id\":\"" + heartbeat.path("id").asString() + "\"}");
        }

        assertThat(session.isOpen()).isTrue();
        assertThat(session.closed()).isNotDone();
    }

    @Test
    void withoutAutomaticHeartbeatsOnlyExplicitOnesAreSent() throws Exception {
        ScriptedWebSocketServer.Peer peer = connect(quiet().heartbeatInterval(Duration.ofMillis(1)).build());

        session.heartbeat();
        session.bye();

        JsonNode heartbeat = Json.MAPPER.readTree(peer.nextText());
        assertThat(heartbeat.path("type").asString()).isEqualTo("heartbeat");
        assertThat(heartbeat.has("id")).isTrue();
        assertThat(Json.MAPPER.readTree(peer.nextText()).path("type").asString()).isEqualTo("bye");
    }

    @Test
    void unansweredRequestTimesOut() throws Exception {
        connect(quiet().requestTimeout(Duration.ofMillis(100)).build());

        assertThatThrownBy(() -> session.heartbeat().get(10, TimeUnit.SECONDS))
                .cause().isInstanceOfSatisfying(CallboardException.class,
                        e -> assertThat(e.code()).isEqualTo(CallboardException.TIMEOUT));
    }
}
