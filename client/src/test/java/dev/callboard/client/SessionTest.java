package dev.callboard.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/** The session's real WebSocket code against a scripted peer over real sockets. */
class SessionTest extends ScriptedSessionTest {

    SessionTest() throws Exception {
    }

    @Test
    void completesOnlyAfterHelloAndSendsTokenAndDeviceId() throws Exception {
        CompletableFuture<CallboardSession> connecting = client.connect(quiet().deviceId("dev-1")
                .header("Origin", "http://127.0.0.1").build());
        ScriptedWebSocketServer.Peer peer = server.awaitPeer();

        assertThat(peer.target()).isEqualTo("/ws?deviceId=dev-1");
        assertThat(peer.header("Authorization")).isEqualTo("Bearer tok-alice");
        assertThat(peer.header("Origin")).isEqualTo("http://127.0.0.1");
        assertThat(connecting).isNotDone();

        peer.sendText(hello("dev-1"));
        session = connecting.get(10, TimeUnit.SECONDS);

        assertThat(session.isOpen()).isTrue();
        assertThat(session.deviceId()).isEqualTo("dev-1");
        assertThat(session.hello().me().id()).isEqualTo(Samples.ALICE);
        assertThat(session.hello().unseenMissedCalls()).isEqualTo(2);
        assertThat(session.awaitEvent(Event.Hello.class, WAIT)).isEqualTo(session.hello());
    }

    @Test
    void ticketGoesInTheQueryInsteadOfTheHeader() throws Exception {
        client.connect(quiet().ticket("t-42").build());
        ScriptedWebSocketServer.Peer peer = server.awaitPeer();

        assertThat(peer.target()).isEqualTo("/ws?ticket=t-42");
        assertThat(peer.header("Authorization")).isNull();
        peer.drop();
    }

    @Test
    void refusedUpgradeFailsWithTheServersError() {
        server.nextHandshake(new ScriptedWebSocketServer.Handshake(401,
                "{\"error\":{\"code\":\"unauthorized\",\"message\":\"Token expired\"}}"));

        assertThatThrownBy(() -> client.connect(quiet().build()).get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOfSatisfying(CallboardException.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.code()).isEqualTo("unauthorized");
                    assertThat(e.getMessage()).isEqualTo("Token expired");
                });
    }

    @Test
    void noHelloInTimeFailsTheConnect() throws Exception {
        CompletableFuture<CallboardSession> connecting = client.connect(quiet()
                .connectTimeout(Duration.ofMillis(300)).build());
        ScriptedWebSocketServer.Peer peer = server.awaitPeer();

        assertThatThrownBy(() -> connecting.get(10, TimeUnit.SECONDS))
                .cause().isInstanceOfSatisfying(CallboardException.class,
                        e -> assertThat(e.getMessage()).contains("no hello"));
        assertThat(peer.nextFrame(WAIT).opcode()).isEqualTo(-1); // and the socket is dropped
    }

    @Test
    void eventsReachListenersInOrderOneAtATime() throws Exception {
        List<Integer> counts = new CopyOnWriteArrayList<>();
        AtomicInteger concurrent = new AtomicInteger();
        AtomicInteger maxConcurrent = new AtomicInteger();
        ScriptedWebSocketServer.Peer peer = connect(quiet().onEvent(event -> {
            maxConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
            if (event instanceof Event.MissedCallsCount count) {
                counts.add(count.count());
            }
            concurrent.decrementAndGet();
        }).build());

        for (int i = 1; i <= 300; i++) {
            peer.sendText(Samples.envelope("missed_calls.count", "{\"count\":" + i + "}"));
        }
        CountDownLatch done = new CountDownLatch(1);
        session.onEvent(event -> {
            if (event instanceof Event.MissedCallsCount(int count) && count == 300) {
                done.countDown();
            }
        });

        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(counts).hasSize(300).isSorted();
        assertThat(maxConcurrent.get()).isEqualTo(1);
    }

    @Test
    void fragmentedMessageArrivesWhole() throws Exception {
        ScriptedWebSocketServer.Peer peer = connect(quiet().build());

        peer.sendFragmented("{\"type\":\"presence.chan", "ged\",\"data\":" + Samples.BOB_PRESENCE.substring(0, 40),
                Samples.BOB_PRESENCE.substring(40) + "}");

        assertThat(session.awaitEvent(Event.PresenceChanged.class, WAIT).presence().userId()).isEqualTo(Samples.BOB);
    }

    @Test
    void largeMessageOverManyFramesArrivesWhole() throws Exception {
        ScriptedWebSocketServer.Peer peer = connect(quiet().build());
        String message = "{\"type\":\"chat.message\",\"data\":{\"text\":\"" + "x".repeat(200_000) + "\"}}";

        peer.sendFragmented(message.substring(0, 70_000), message.substring(70_000, 140_000), message.substring(140_000));

        assertThat(session.awaitEvent(Event.Unknown.class, WAIT).data().path("text").asString()).hasSize(200_000);
    }

    @Test
    void requestCompletesWithTheMatchingAck() throws Exception {
        ScriptedWebSocketServer.Peer peer = connect(quiet().build());

        CompletableFuture<JsonNode> reply = session.setPresence(PresenceUpdate.status(ManualStatus.BUSY));
        JsonNode sent = Json.MAPPER.readTree(peer.nextText());
        peer.sendText("{\"type\":\"ack\",\"id\":\"" + sent.path("id").asString() + "\",\"data\":{\"ok\":true}}");

        assertThat(sent.path("type").asString()).isEqualTo("presence.set");
        assertThat(sent.path("data").path("status").asString()).isEqualTo("busy");
        assertThat(reply.get(10, TimeUnit.SECONDS).path("ok").asBoolean()).isTrue();
        assertThat(session.recentEvents()).noneMatch(Event.Ack.class::isInstance);
    }

    @Test
    void requestFailsWithTheMatchingError() throws Exception {
        ScriptedWebSocketServer.Peer peer = connect(quiet().build());

        CompletableFuture<JsonNode> reply = session.signal(Samples.CALL, Sdp.offer("v=0"));
        JsonNode sent = Json.MAPPER.readTree(peer.nextText());
        peer.sendText("{\"type\":\"error\",\"id\":\"" + sent.path("id").asString()
                + "\",\"data\":{\"code\":\"not_found\",\"message\":\"No such call\"}}");

        assertThat(sent.path("data").path("callId").asString()).isEqualTo(Samples.CALL.toString());
        assertThatThrownBy(() -> reply.get(10, TimeUnit.SECONDS))
                .cause().isInstanceOfSatisfying(CallboardException.class, e -> {
                    assertThat(e.code()).isEqualTo("not_found");
                    assertThat(e.status()).isEqualTo(CallboardException.NO_STATUS);
                });
    }

    @Test
    void repliesNobodyWaitsForBecomeEvents() throws Exception {
        ScriptedWebSocketServer.Peer peer = connect(quiet().build());

        peer.sendText("{\"type\":\"ack\",\"id\":\"raw-1\"}");
        peer.sendText("{\"type\":\"error\",\"data\":{\"code\":\"bad_message\",\"message\":\"Unknown type\"}}");
        peer.sendText("not json at all");

        assertThat(session.awaitEvent(Event.Ack.class, WAIT).id()).isEqualTo("raw-1");
        assertThat(session.awaitEvent(Event.ServerError.class, WAIT).code()).isEqualTo("bad_message");
        assertThat(session.awaitEvent(Event.Malformed.class, WAIT).text()).isEqualTo("not json at all");
    }

    @ParameterizedTest
    @ValueSource(ints = {CloseStatus.POLICY_VIOLATION, CloseStatus.TOO_BIG})
    void serverCloseCodeReachesTheApp(int code) throws Exception {
        ScriptedWebSocketServer.Peer peer = connect(quiet().build());
        CompletableFuture<CloseStatus> heard = new CompletableFuture<>();
        session.onClose(heard::complete);
        CompletableFuture<JsonNode> pending = session.heartbeat();
        peer.nextText();

        peer.sendClose(code, "closing with " + code);

        CloseStatus status = session.closed().get(10, TimeUnit.SECONDS);
        assertThat(status).isEqualTo(new CloseStatus(code, "closing with " + code, false));
        assertThat(heard.get(10, TimeUnit.SECONDS)).isEqualTo(status);
        assertThat(session.isOpen()).isFalse();
        assertThatThrownBy(() -> pending.get(10, TimeUnit.SECONDS)).cause().isInstanceOfSatisfying(
                CallboardException.class, e -> assertThat(e.code()).isEqualTo(CallboardException.CONNECTION_CLOSED));
        assertThatThrownBy(() -> session.awaitEvent(Event.CallIncoming.class, Duration.ofMinutes(5)))
                .isInstanceOf(EventTimeoutException.class).hasMessageContaining("closed");
        assertThat(session.heartbeat()).isCompletedExceptionally();
    }

    @Test
    void closeSendsACloseFrameAndWaitsForTheEcho() throws Exception {
        ScriptedWebSocketServer.Peer peer = connect(quiet().build());
        CompletableFuture<Void> closing = CompletableFuture.runAsync(session::close);

        ScriptedWebSocketServer.Frame frame = peer.nextFrame(WAIT);
        assertThat(frame.opcode()).isEqualTo(0x8);
        assertThat(frame.closeCode()).isEqualTo(CloseStatus.NORMAL);
        peer.sendClose(CloseStatus.NORMAL, "");

        closing.get(10, TimeUnit.SECONDS);
        assertThat(session.closed().get(10, TimeUnit.SECONDS).code()).isEqualTo(CloseStatus.NORMAL);
    }

    @Test
    void closeAbruptlyDropsTheConnectionWithoutACloseFrame() throws Exception {
        ScriptedWebSocketServer.Peer peer = connect(quiet().build());

        session.closeAbruptly();

        assertThat(peer.nextFrame(WAIT).opcode()).isEqualTo(-1);
        assertThat(session.closed().get(10, TimeUnit.SECONDS).code()).isEqualTo(CloseStatus.ABNORMAL);
    }
}
