package dev.callboard.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.UUID;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The REST client's real HTTP code against the JDK's HTTP server with scripted answers. */
class RestClientTest {

    private static final String LOGIN = "{\"token\":\"tok-alice\",\"expiresAt\":\"2026-11-25T04:10:33Z\",\"user\":"
            + Samples.ALICE_USER + "}";

    private final StubHttpServer server = new StubHttpServer();
    private final CallboardClient alice = CallboardClient.builder(server.uri()).token("tok-alice").build();

    RestClientTest() throws IOException {
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void loginPostsCredentialsAndLaterCallsCarryTheToken() throws Exception {
        server.respond(200, LOGIN);
        server.respond(200, Samples.ALICE_USER);

        CallboardClient client = CallboardClient.login(server.uri(), "alice@example.com", "pa\"ss");
        User me = client.me();

        StubHttpServer.Request login = server.takeRequest();
        assertThat(login.method()).isEqualTo("POST");
        assertThat(login.target()).isEqualTo("/api/auth/login");
        assertThat(login.header("Content-Type")).isEqualTo("application/json");
        assertThat(login.header("Authorization")).isNull();
        assertThat(Json.MAPPER.readTree(login.body()).path("password").asString()).isEqualTo("pa\"ss");
        StubHttpServer.Request meRequest = server.takeRequest();
        assertThat(meRequest.target()).isEqualTo("/api/me");
        assertThat(meRequest.header("Authorization")).isEqualTo("Bearer tok-alice");
        assertThat(client.token()).isEqualTo("tok-alice");
        assertThat(me.role()).isEqualTo(Role.ADMIN);
    }

    @Test
    void errorBodyBecomesCallboardException() {
        server.respond(404, "{\"error\":{\"code\":\"not_found\",\"message\":\"No such call\"}}");

        assertThatThrownBy(() -> alice.getCall(Samples.CALL))
                .isInstanceOfSatisfying(CallboardException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.code()).isEqualTo("not_found");
                    assertThat(e.getMessage()).isEqualTo("No such call");
                });
    }

    @Test
    void startCallSendsCalleeMediaAndIdempotencyKey() throws Exception {
        server.respond(201, Samples.RINGING_CALL);

        Call call = alice.startCall(Samples.BOB, Media.VIDEO, "retry-key-1");

        StubHttpServer.Request request = server.takeRequest();
        assertThat(request.target()).isEqualTo("/api/calls");
        assertThat(request.header("Idempotency-Key")).isEqualTo("retry-key-1");
        assertThat(Json.MAPPER.readTree(request.body())).isEqualTo(Json.MAPPER.readTree(
                "{\"calleeId\":\"" + Samples.BOB + "\",\"media\":\"video\"}"));
        assertThat(call.status()).isEqualTo(CallStatus.RINGING);
    }

    @Test
    void callActionsPostTheRightBodies() throws Exception {
        alice.answerCall(Samples.CALL, "laptop-1");
        alice.declineCall(Samples.CALL);
        alice.hangupCall(Samples.CALL, CallReason.ICE_FAILED);

        StubHttpServer.Request answer = server.takeRequest();
        StubHttpServer.Request decline = server.takeRequest();
        StubHttpServer.Request hangup = server.takeRequest();
        assertThat(answer.target()).isEqualTo("/api/calls/" + Samples.CALL + "/answer");
        assertThat(answer.body()).isEqualTo("{\"deviceId\":\"laptop-1\"}");
        assertThat(decline.target()).endsWith("/decline");
        assertThat(decline.body()).isEmpty();
        assertThat(hangup.body()).isEqualTo("{\"reason\":\"ice_failed\"}");
    }

    @Test
    void historyAndMissedCallsBuildTheirQueries() throws Exception {
        server.respond(200, "{\"items\":[" + Samples.ENDED_CALL + "],\"nextCursor\":\"c2\"}");
        server.respond(200, "{\"items\":[" + Samples.MISSED_CALL + "],\"nextCursor\":null}");
        server.respond(200, "{\"count\":3}");
        server.respond(200, "{\"count\":2}");

        Page<Call> history = alice.callHistory(Direction.INCOMING, CallStatus.MISSED, "c1", 20);
        Page<MissedCall> missed = alice.missedCalls(true, null, 5);
        int unseen = alice.unseenMissedCallCount();
        int afterSeen = alice.markMissedCallSeen(Samples.MISSED);

        assertThat(server.takeRequest().target()).isEqualTo("/api/calls/history?direction=incoming&status=missed&cursor=c1&limit=20");
        assertThat(server.takeRequest().target()).isEqualTo("/api/missed-calls?unseen=true&limit=5");
        assertThat(server.takeRequest().target()).isEqualTo("/api/missed-calls/unseen-count");
        assertThat(server.takeRequest().target()).isEqualTo("/api/missed-calls/" + Samples.MISSED + "/seen");
        assertThat(history.nextCursor()).isEqualTo("c2");
        assertThat(missed.items()).hasSize(1);
        assertThat(unseen).isEqualTo(3);
        assertThat(afterSeen).isEqualTo(2);
    }

    @Test
    void setPresenceSendsExplicitNullToClear() throws Exception {
        server.respond(200, Samples.BOB_PRESENCE);

        alice.setPresence(PresenceUpdate.clearStatus().withMessage("In the lab"));

        StubHttpServer.Request request = server.takeRequest();
        assertThat(request.method()).isEqualTo("PUT");
        assertThat(request.target()).isEqualTo("/api/presence/me");
        assertThat(request.body()).isEqualTo("{\"status\":null,\"message\":\"In the lab\"}");
    }

    @Test
    void beaconGoesWithoutTheToken() throws Exception {
        server.respond(204, "");

        UUID userId = UUID.fromString("7f000000-0000-4000-8000-000000000001");
        alice.beacon(userId, "laptop-1", "bk-1");

        StubHttpServer.Request request = server.takeRequest();
        assertThat(request.target()).isEqualTo("/api/realtime/beacon");
        assertThat(request.header("Authorization")).isNull();
        assertThat(Json.MAPPER.readTree(request.body()).path("beaconKey").asString()).isEqualTo("bk-1");
        assertThat(Json.MAPPER.readTree(request.body()).path("userId").asString()).isEqualTo(userId.toString());
    }

    @Test
    void logoutAcceptsNoContent() throws Exception {
        server.respond(204, "");

        alice.logout();

        assertThat(server.takeRequest().target()).isEqualTo("/api/auth/logout");
    }

    @Test
    void exchangeReturnsAnyStatusWithoutThrowing() throws Exception {
        server.respond(400, "{\"error\":{\"code\":\"bad_request\",\"message\":\"Malformed JSON\"}}");

        RawResponse response = alice.exchange("POST", "/api/calls", "{\"calleeId\":", Map.of("X-Test", "1"));

        StubHttpServer.Request request = server.takeRequest();
        assertThat(request.body()).isEqualTo("{\"calleeId\":");
        assertThat(request.header("X-Test")).isEqualTo("1");
        assertThat(request.header("Authorization")).isEqualTo("Bearer tok-alice");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.isSuccess()).isFalse();
        assertThat(response.error().code()).isEqualTo("bad_request");
        assertThat(response.json().path("error").path("message").asString()).isEqualTo("Malformed JSON");
    }

    @Test
    void slowServerTimesOut() {
        server.hang();
        CallboardClient impatient = CallboardClient.builder(server.uri()).token("t")
                .requestTimeout(Duration.ofMillis(200)).build();

        assertThatThrownBy(impatient::me).isInstanceOfSatisfying(CallboardException.class, e -> {
            assertThat(e.status()).isEqualTo(CallboardException.NO_STATUS);
            assertThat(e.code()).isEqualTo(CallboardException.TIMEOUT);
        });
    }

    @Test
    void unreachableServerIsATransportError() throws IOException {
        int freePort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            freePort = socket.getLocalPort();
        }
        CallboardClient nowhere = CallboardClient.create(URI.create("http://127.0.0.1:" + freePort));

        assertThatThrownBy(() -> nowhere.login("a@example.com", "pw"))
                .isInstanceOfSatisfying(CallboardException.class,
                        e -> assertThat(e.code()).isEqualTo(CallboardException.TRANSPORT_ERROR));
    }

    @Test
    void copiesShareTheHttpClient() {
        HttpClient shared = HttpClient.newHttpClient();
        CallboardClient anonymous = CallboardClient.builder(URI.create("http://127.0.0.1:1/base/")).httpClient(shared).build();
        CallboardClient bob = anonymous.withToken("tok-bob");

        assertThat(bob.httpClient()).isSameAs(shared);
        assertThat(bob.token()).isEqualTo("tok-bob");
        assertThat(anonymous.token()).isNull();
        assertThat(bob.baseUri()).isEqualTo(URI.create("http://127.0.0.1:1/base"));
    }
}
