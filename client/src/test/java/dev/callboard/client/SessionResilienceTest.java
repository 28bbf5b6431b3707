package dev.callboard.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Reconnect and backpressure, against a scripted peer over real sockets. */
class SessionResilienceTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final ReconnectPolicy FAST = new ReconnectPolicy(Duration.ofMillis(5), Duration.ofMillis(20), 2, 0.5, 0);

    private final ScriptedWebSocketServer server = new ScriptedWebSocketServer();
    private final CallboardClient client = CallboardClient.builder(server.httpUri()).token("tok-alice").build();
    private final List<CloseStatus> closes = new CopyOnWriteArrayList<>();
    private CallboardSession session;

    SessionResilienceTest() throws Exception {
    }

    @AfterEach
    void tearDown() throws Exception {
        if (session != null) {
            session.closeAbruptly();
        }
        server.close();
    }

    private static String hello(String deviceId, int unseen) {
        return Samples.envelope("hello", "{\"me\":" + Samples.ALICE_USER + ",\"deviceId\":\"" + deviceId
                + "\",\"beaconKey\":\"bk\",\"heartbeatIntervalSeconds\":30,\"unseenMissedCalls\":" + unseen + "}");
    }

    private ScriptedWebSocketServer.Peer connect(SessionOptions options) throws Exception {
        CompletableFuture<CallboardSession> connecting = client.connect(options);
        ScriptedWebSocketServer.Peer peer = server.awaitPeer();
        peer.sendText(hello("srv-7", 0));
        session = connecting.get(10, TimeUnit.SECONDS);
        session.onClose(closes::add);
        return peer;
    }

    /**
     * Frequent heartbeats: the JDK WebSocket can miss a TCP close that lands while it is busy with
     * a frame, and then the next write is what notices. Tests that drop connections rely on it.
     */
    private static SessionOptions.Builder reconnecting(ReconnectPolicy policy) {
        return SessionOptions.builder().heartbeatInterval(Duration.ofMillis(20)).heartbeatAcks(false).reconnect(policy);
    }

    /** The next message with an id, skipping automatic heartbeats. */
    private static JsonNode nextRequest(ScriptedWebSocketServer.Peer peer) throws InterruptedException {
        JsonNode message;
        do {
            message = Json.MAPPER.readTree(peer.nextText());
        } while (!message.has("id"));
        return message;
    }

    @Test
    void droppedConnectionComesBackAsTheSameDeviceWithAFreshHello() throws Exception {
        ScriptedWebSocketServer.Peer first = connect(reconnecting(FAST).build());
        assertThat(first.target()).isEqualTo("/ws");
        CompletableFuture<JsonNode> pending = session.heartbeat();
        nextRequest(first);
        long mark = session.eventMark();

        first.drop();
        ScriptedWebSocketServer.Peer second = server.awaitPeer();
        second.sendText(hello("srv-7", 5));

        Event.Hello fresh = session.awaitEventAfter(mark, Event.Hello.class, hello -> true, WAIT);
        assertThat(second.target()).isEqualTo("/ws?deviceId=srv-7");
        assertThat(second.header("Authorization")).isEqualTo("Bearer tok-alice");
        assertThat(fresh.unseenMissedCalls()).isEqualTo(5);
        assertThat(session.hello()).isEqualTo(fresh);
        assertThat(closes).singleElement().satisfies(close -> {
            assertThat(close.code()).isEqualTo(CloseStatus.ABNORMAL);
            assertThat(close.reconnecting()).isTrue();
        });
        assertThat(session.closed()).isNotDone();
        assertThatThrownBy(() -> pending.get(10, TimeUnit.SECONDS)).cause().isInstanceOfSatisfying(
                CallboardException.class, e -> assertThat(e.code()).isEqualTo(CallboardException.CONNECTION_CLOSED));

        CompletableFuture<JsonNode> after = session.heartbeat();
        String id = nextRequest(second).path("id").asString();
        second.sendText("{\"type\":\"ack\",\"id\":\"" + id + "\"}");
        assertThat(after.get(10, TimeUnit.SECONDS).isEmpty()).isTrue();
    }

    @Test
    void serverCloseFrameAlsoLeadsToAReconnect() throws Exception {
        ScriptedWebSocketServer.Peer first = connect(reconnecting(FAST).build());

        first.sendClose(1001, "node shutting down");
        ScriptedWebSocketServer.Peer second = server.awaitPeer();
        second.sendText(hello("srv-7", 0));

        session.awaitEventAfter(1, Event.Hello.class, hello -> true, WAIT);
        assertThat(closes).containsExactly(new CloseStatus(1001, "node shutting down", true));
        assertThat(session.isOpen()).isTrue();
    }

    @Test
    void ticketsAreFetchedFreshForEveryConnect() throws Exception {
        server.plainHttpBody("{\"ticket\":\"t-fresh\",\"expiresAt\":\"2026-11-24T04:11:03Z\"}");
        CompletableFuture<CallboardSession> connecting = client.connect(reconnecting(FAST).useTickets(true).build());

        ScriptedWebSocketServer.Peer ticketRequest = server.awaitPeer();
        ScriptedWebSocketServer.Peer first = server.awaitPeer();
        first.sendText(hello("srv-7", 0));
        session = connecting.get(10, TimeUnit.SECONDS);
        first.drop();
        ScriptedWebSocketServer.Peer secondTicketRequest = server.awaitPeer();
        ScriptedWebSocketServer.Peer second = server.awaitPeer();

        assertThat(ticketRequest.target()).isEqualTo("/api/realtime/ticket");
        assertThat(ticketRequest.header("Authorization")).isEqualTo("Bearer tok-alice");
        assertThat(first.target()).isEqualTo("/ws?ticket=t-fresh");
        assertThat(first.header("Authorization")).isNull();
        assertThat(secondTicketRequest.target()).isEqualTo("/api/realtime/ticket");
        assertThat(second.target()).isEqualTo("/ws?deviceId=srv-7&ticket=t-fresh");
    }

    @Test
    void givesUpAfterMaxAttempts() throws Exception {
        ScriptedWebSocketServer.Peer first = connect(reconnecting(FAST.withMaxAttempts(2)).build());
        ScriptedWebSocketServer.Handshake unavailable = new ScriptedWebSocketServer.Handshake(503,
                "{\"error\":{\"code\":\"unavailable\",\"message\":\"Draining\"}}");
        server.nextHandshake(unavailable);
        server.nextHandshake(unavailable);

        first.drop();

        CloseStatus status = session.closed().get(10, TimeUnit.SECONDS);
        assertThat(status.reconnecting()).isFalse();
        assertThat(status.reason()).contains("gave up after 2 reconnect attempts").contains("Draining");
        assertThat(server.awaitPeer().target()).isEqualTo("/ws?deviceId=srv-7");
        assertThat(server.awaitPeer().target()).isEqualTo("/ws?deviceId=srv-7");
    }

    @Test
    void refusedCredentialsStopReconnecting() throws Exception {
        ScriptedWebSocketServer.Peer first = connect(reconnecting(FAST).build());
        server.nextHandshake(new ScriptedWebSocketServer.Handshake(401,
                "{\"error\":{\"code\":\"unauthorized\",\"message\":\"Token revoked\"}}"));

        first.drop();

        CloseStatus status = session.closed().get(10, TimeUnit.SECONDS);
        assertThat(status.reconnecting()).isFalse();
        assertThat(status.reason()).contains("reconnect refused").contains("Token revoked");
    }

    @Test
    void closeWhileWaitingToReconnectEndsTheSession() throws Exception {
        ReconnectPolicy slow = new ReconnectPolicy(Duration.ofHours(1), Duration.ofHours(1), 2, 0, 0);
        ScriptedWebSocketServer.Peer first = connect(reconnecting(slow).build());
        CountDownLatch dropped = new CountDownLatch(1);
        session.onClose(close -> dropped.countDown());
        first.drop();
        assertThat(dropped.await(10, TimeUnit.SECONDS)).isTrue();

        session.close();

        assertThat(session.closed().get(10, TimeUnit.SECONDS))
                .isEqualTo(new CloseStatus(CloseStatus.NORMAL, "", false));
    }

    @Test
    void closeAbruptlyNeverReconnects() throws Exception {
        connect(reconnecting(FAST).build());

        session.closeAbruptly();

        assertThat(session.closed().get(10, TimeUnit.SECONDS))
                .isEqualTo(new CloseStatus(CloseStatus.ABNORMAL, "aborted by client", false));
    }

    @Test
    void slowListenerStopsReadingUntilItCatchesUp() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        ScriptedWebSocketServer.Peer peer = connect(SessionOptions.builder().autoHeartbeat(false)
                .dispatchQueueLimit(2)
                .onEvent(event -> {
                    if (event instanceof Event.MissedCallsCount(int count) && count == 1) {
                        awaitQuietly(release);
                    }
                }).build());

        for (int i = 1; i <= 10; i++) {
            peer.sendText(Samples.envelope("missed_calls.count", "{\"count\":" + i + "}"));
        }

        session.awaitEvent(Event.MissedCallsCount.class, e -> e.count() == 2, WAIT);
        assertThatThrownBy(() -> session.awaitEvent(Event.MissedCallsCount.class, e -> e.count() == 3,
                Duration.ofMillis(300))).isInstanceOf(EventTimeoutException.class);
        release.countDown();
        assertThat(session.awaitEvent(Event.MissedCallsCount.class, e -> e.count() == 10, WAIT).count()).isEqualTo(10);
    }

    @Test
    void tcpCloseWhileAListenerIsBusyIsStillNoticed() throws Exception {
        CountDownLatch inListener = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ScriptedWebSocketServer.Peer peer = connect(SessionOptions.builder()
                .heartbeatInterval(Duration.ofMillis(20)).heartbeatAcks(false)
                .onEvent(event -> {
                    if (event instanceof Event.MissedCallsCount) {
                        inListener.countDown();
                        awaitQuietly(release);
                    }
                }).build());
        peer.sendText(Samples.envelope("missed_calls.count", "{\"count\":1}"));
        assertThat(inListener.await(10, TimeUnit.SECONDS)).isTrue();

        peer.drop();

        assertThatThrownBy(() -> session.awaitEvent(Event.CallIncoming.class, Duration.ofMinutes(1)))
                .isInstanceOf(EventTimeoutException.class).hasMessageContaining("closed");
        assertThat(session.isOpen()).isFalse();
        release.countDown();
        assertThat(session.closed().get(10, TimeUnit.SECONDS).code()).isEqualTo(CloseStatus.ABNORMAL);
    }

    @Test
    void tcpCloseTheJdkMissesIsCaughtByTheNextWrite() throws Exception {
        CountDownLatch inListener = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ScriptedWebSocketServer.Peer peer = connect(SessionOptions.builder()
                .heartbeatInterval(Duration.ofMillis(20)).heartbeatAcks(false).dispatchQueueLimit(1)
                .onEvent(event -> {
                    if (event instanceof Event.MissedCallsCount) {
                        inListener.countDown();
                        awaitQuietly(release);
                    }
                }).build());
        peer.sendText(Samples.envelope("missed_calls.count", "{\"count\":1}"));
        assertThat(inListener.await(10, TimeUnit.SECONDS)).isTrue();

        peer.drop(); // reading is paused (queue limit 1), so the JDK drops this close on the floor

        assertThatThrownBy(() -> session.awaitEvent(Event.CallIncoming.class, Duration.ofMinutes(1)))
                .isInstanceOf(EventTimeoutException.class).hasMessageContaining("write failed");
        release.countDown();
        assertThat(session.closed().get(10, TimeUnit.SECONDS).code()).isEqualTo(CloseStatus.ABNORMAL);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
