package dev.callboard.client;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;

/** Shared setup: a scripted WebSocket peer, a client with a token and the session under test. */
abstract class ScriptedSessionTest {

    static final Duration WAIT = Duration.ofSeconds(10);

    final ScriptedWebSocketServer server = new ScriptedWebSocketServer();
    final CallboardClient client = CallboardClient.builder(server.httpUri()).token("tok-alice").build();
    CallboardSession session;

    ScriptedSessionTest() throws Exception {
    }

    @AfterEach
    void tearDown() throws Exception {
        if (session != null) {
            session.closeAbruptly();
        }
        server.close();
    }

    static String hello(String deviceId) {
        return Samples.envelope("hello", """
                {"me":%s,"deviceId":"%s","beaconKey":"bk-1","heartbeatIntervalSeconds":30,
                 "presence":[%s],"unseenMissedCalls":2,"activeCalls":[]}"""
                .formatted(Samples.ALICE_USER, deviceId, Samples.BOB_PRESENCE));
    }

    /** Connects, answers the upgrade with a hello and returns the server's side of the socket. */
    ScriptedWebSocketServer.Peer connect(SessionOptions options) throws Exception {
        CompletableFuture<CallboardSession> connecting = client.connect(options);
        ScriptedWebSocketServer.Peer peer = server.awaitPeer();
        peer.sendText(hello("dev-1"));
        session = connecting.get(10, TimeUnit.SECONDS);
        return peer;
    }

    static SessionOptions.Builder quiet() {
        return SessionOptions.builder().autoHeartbeat(false);
    }
}
