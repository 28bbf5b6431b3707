package dev.callboard.e2e;

import dev.callboard.client.CallboardClient;
import dev.callboard.client.CallboardSession;
import dev.callboard.client.Event;
import dev.callboard.client.ManualStatus;
import dev.callboard.client.PresenceStatus;
import dev.callboard.client.Role;
import dev.callboard.support.RawWebSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.net.http.HttpClient;
import java.time.Duration;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every malformed frame is answered with an {@code error} frame and the socket stays open, unless
 * the WebSocket protocol itself requires a close; nothing a client sends leaves a stack trace in
 * the log, and nothing refused is half applied.
 */
@SharedServer
@ExtendWith(OutputCaptureExtension.class)
class WebSocketBadInputIT extends EndToEndTest {

    @Test
    void aTextFrameThatIsNotUtf8Closes1007() {
        try (RawWebSocket ws = RawWebSocket.open(port, newUser(Role.CLIENT, "Cleo").token())) {
            ws.send(RawWebSocket.FIN | RawWebSocket.TEXT, new byte[]{'{', (byte) 0xc3, (byte) 0x28, '}'});
            assertThat(ws.awaitCloseCode()).isEqualTo(1007);
        }
    }

    @Test
    void reservedBitsWithoutAnExtensionClose1002() {
        try (RawWebSocket ws = RawWebSocket.open(port, newUser(Role.CLIENT, "Cleo").token())) {
            ws.send(RawWebSocket.FIN | RawWebSocket.RSV1 | RawWebSocket.TEXT, "{\"type\":\"heartbeat\"}".getBytes());
            assertThat(ws.awaitCloseCode()).isEqualTo(1002);
        }
    }

    @Test
    void aFragmentedMessageInterruptedClose1002WithoutAStackTrace(CapturedOutput output) {
        try (RawWebSocket ws = RawWebSocket.open(port, newUser(Role.CLIENT, "Cleo").token())) {
            ws.send(RawWebSocket.TEXT, "{\"type\":".getBytes()); // first fragment, no FIN
            ws.sendText("{\"type\":\"heartbeat\"}"); // a new message before the first one ended
            assertThat(ws.awaitCloseCode()).isEqualTo(1002);
        }
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                .untilAsserted(() -> assertThat(output.getAll()).doesNotContain("PrematureChannelClosureException"));
    }

    @Test
    void malformedFramesGetAnErrorAndTheSocketStaysOpen(CapturedOutput output) {
        CallboardSession session = connect(newUser(Role.ADMIN, "Ada"));
        List<String> withoutUsableId = List.of(
                "{\"type\":\"heartbeat\",\"id\":{\"a\":1}}",
                "{\"type\":\"heartbeat\",\"id\":[1, 2]}",
                "{\"type\":\"heartbeat\",\"id\":7}");
        for (String frame : withoutUsableId) {
            long mark = session.eventMark();
            session.sendRaw(frame).join();
            Event.ServerError error = session.awaitEventAfter(mark, Event.ServerError.class, e -> true, SOON);
            assertThat(error.code()).as(frame).isEqualTo("bad_request");
            assertThat(error.message()).as(frame).contains("id must be a string");
        }
        List<String> badValues = List.of(
                "{\"type\":\"heartbeat\",\"id\":\"h1\",\"data\":{\"idleMs\":1e400}}",
                "{\"type\":\"heartbeat\",\"id\":\"h2\",\"data\":{\"idleMs\":9.3e18}}",
                "{\"type\":\"heartbeat\",\"id\":\"h3\",\"data\":{\"idleMs\":-1}}",
                "{\"type\":\"heartbeat\",\"id\":\"h4\",\"data\":{\"lastInputAt\":9.3e18}}",
                "{\"type\":\"heartbeat\",\"id\":\"h5\",\"data\":{\"lastInputAt\":\"yesterday\"}}",
                "{\"type\":\"presence.set\",\"id\":\"h6\",\"data\":{\"message\":\"a\\u0000b\"}}",
                "{\"type\":\"call.signal\",\"id\":\"h7\",\"data\":{\"callId\":\"x\",\"sdp\":{\"\\u0000\":1}}}");
        for (String frame : badValues) {
            String id = frame.substring(frame.indexOf("\"id\":\"") + 6, frame.indexOf("\"", frame.indexOf("\"id\":\"") + 6));
            session.sendRaw(frame).join();
            Event.ServerError error = session.awaitEvent(Event.ServerError.class, e -> id.equals(e.id()), SOON);
            assertThat(error.code()).as(frame).isEqualTo("bad_request");
        }
        session.heartbeat().orTimeout(5, java.util.concurrent.TimeUnit.SECONDS).join(); // still open, still answering
        assertThat(session.isOpen()).isTrue();
        assertThat(output.getAll()).as("no stack trace for a client's mistake").doesNotContain("\tat ");
    }

    @Test
    void aRefusedChoiceChangesNothing() throws Exception {
        CallboardClient ada = newUser(Role.ADMIN, "Ada");
        CallboardClient cleo = newUser(Role.CLIENT, "Cleo");
        CallboardSession adaSession = connect(ada);
        connect(cleo);

        HttpResponse<String> rest = HttpClient.newHttpClient().send(HttpRequest.newBuilder(baseUri().resolve("/api/presence/me"))
                .header("Authorization", "Bearer " + ada.token()).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"status\":\"do_not_disturb\",\"message\":\"in\\u0000a meeting\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(rest.statusCode()).isEqualTo(400);
        assertThat(rest.body()).contains("bad_request");

        adaSession.sendRaw("{\"type\":\"presence.set\",\"id\":\"p1\",\"data\":{\"status\":\"do_not_disturb\",\"message\":\"x\\u0000\"}}").join();
        adaSession.awaitEvent(Event.ServerError.class, e -> "p1".equals(e.id()), SOON);

        assertThat(cleo.presence(id(ada)).status()).as("nobody sees the refused DND").isEqualTo(PresenceStatus.AVAILABLE);
        assertThat(ada.presence(id(ada)).manualStatus()).isNull();
        assertThat(ada.presence(id(ada)).message()).isNull();
    }

    @Test
    void framesAfterByeAreNotApplied() {
        CallboardClient cleo = newUser(Role.CLIENT, "Cleo");
        UUID me = id(cleo);
        try (RawWebSocket ws = RawWebSocket.open(port, cleo.token())) {
            ws.sendText("{\"type\":\"bye\"}");
            ws.sendText("{\"type\":\"presence.set\",\"data\":{\"status\":\"do_not_disturb\"}}");
            assertThat(ws.awaitCloseCode()).isEqualTo(1000);
        }
        assertThat(cleo.presence(me).manualStatus()).as("the frame after bye was dropped").isNotEqualTo(ManualStatus.DO_NOT_DISTURB);
    }

    @Test
    void restBodiesWithNulAreRefusedAndCreateNothing() throws Exception {
        String email = "nul-" + UUID.randomUUID() + "@e2e.test";
        HttpResponse<String> created = HttpClient.newHttpClient().send(HttpRequest.newBuilder(baseUri().resolve("/api/users"))
                .header("Authorization", "Bearer " + root().token()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + email + "\",\"displayName\":\"Eve\\u0000\","
                        + "\"role\":\"client\",\"password\":\"correct horse battery\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).isEqualTo(400);
        assertThat(root().users()).noneMatch(u -> u.email().equals(email));

        HttpResponse<String> login = HttpClient.newHttpClient().send(HttpRequest.newBuilder(baseUri().resolve("/api/auth/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"a\\u0000@b.c\",\"password\":\"x\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(400);
    }
}
