package dev.callboard.auth;

import dev.callboard.client.CallboardClient;
import dev.callboard.client.CallboardSession;
import dev.callboard.client.CloseStatus;
import dev.callboard.client.SessionOptions;
import dev.callboard.directory.User;
import dev.callboard.identity.Role;
import dev.callboard.realtime.OpenSessions;
import dev.callboard.support.MovableClock;
import dev.callboard.support.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A socket never outlives the session it was opened with: logout, expiry, a role change and a
 * deactivation close it with 4003, whether it was opened with the bearer token or with a ticket.
 * Tokens live a minute here, less than a silent device's timeout, so moving the clock past a token's
 * expiry does not also drop the device for missed heartbeats.
 */
@TestPropertySource(properties = "callboard.auth.token-ttl=60s")
@Import(MovableClock.class)
class SessionEndIT extends AuthIntegrationTest {
    private static final Duration SOON = Duration.ofSeconds(5);

    @Autowired
    MutableClock clock;
    @Autowired
    Sessions sessions;
    @Autowired
    OpenSessions openSessions;

    private final List<CallboardSession> opened = new ArrayList<>();
    private final List<WebSocket> raw = new ArrayList<>();

    @AfterEach
    void closeAll() {
        opened.forEach(CallboardSession::closeAbruptly);
        raw.forEach(WebSocket::abort);
    }

    @Test
    void logoutClosesEverySocketOfThatSessionWith4003AndNoOther() {
        User admin = createUser(Role.ADMIN);
        String token = login(admin);
        String otherToken = login(admin);
        CallboardSession bearerSocket = connect(token, "laptop");
        TicketSocket ticketSocket = TicketSocket.open(port, ticket(token), "tab");
        raw.add(ticketSocket.socket());
        CallboardSession otherSession = connect(otherToken, "phone");

        long start = System.nanoTime();
        http().post().uri("/api/auth/logout").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange().expectStatus().isNoContent();

        assertThat(closeCode(bearerSocket)).isEqualTo(4003);
        assertThat(ticketSocket.closeCode()).isEqualTo(4003);
        System.out.printf("logout → both sockets closed with 4003 in %d ms%n", (System.nanoTime() - start) / 1_000_000);
        assertThat(otherSession.isOpen()).as("another session of the same user stays").isTrue();
        http().get().uri("/api/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + otherToken).exchange().expectStatus().isOk();
    }

    @Test
    void aTicketIssuedBeforeALogoutIsDeadAfterIt() {
        String token = login(createUser(Role.CLIENT));
        String ticket = ticket(token);
        http().post().uri("/api/auth/logout").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange().expectStatus().isNoContent();
        assertThat(UpgradeProbe.upgrade(port, "/ws?ticket=" + ticket, Map.of()).status()).isEqualTo(401);
    }

    @Test
    void anExpiredSessionClosesItsSocketsAtExpiry() {
        String token = login(createUser(Role.ADMIN));
        CallboardSession socket = connect(token, "laptop");
        clock.advance(Duration.ofSeconds(59));
        openSessions.closeExpired();
        assertThat(socket.isOpen()).as("a second before expiry").isTrue();

        clock.advance(Duration.ofSeconds(1));
        assertThat(closeCode(socket)).isEqualTo(4003);
    }

    @Test
    void aRoleChangeClosesTheSocketsButKeepsTheTokens() {
        User user = createUser(Role.CLIENT);
        String token = login(user);
        CallboardSession socket = connect(token, "laptop");

        sessions.closeSocketsOf(user.id());

        assertThat(closeCode(socket)).isEqualTo(4003);
        http().get().uri("/api/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange().expectStatus().isOk();
        assertThat(connect(token, "laptop").isOpen()).as("reconnects, with the role as it is now").isTrue();
    }

    @Test
    void aDeactivationEndsEveryTokenAndSocket() {
        User user = createUser(Role.CLIENT);
        String first = login(user);
        String second = login(user);
        CallboardSession one = connect(first, "laptop");
        CallboardSession two = connect(second, "phone");

        sessions.endAllOf(user.id());

        assertThat(closeCode(one)).isEqualTo(4003);
        assertThat(closeCode(two)).isEqualTo(4003);
        for (String token : List.of(first, second)) {
            http().get().uri("/api/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange().expectStatus().isUnauthorized();
        }
    }

    @Test
    void aSessionEndedWithoutAnEventIsCaughtByTheRecheck() {
        String token = login(createUser(Role.ADMIN));
        CallboardSession socket = connect(token, "laptop");
        String freshToken = login(createUser(Role.ADMIN));
        CallboardSession fresh = connect(freshToken, "laptop");
        // Revoked behind the bus's back, as if the event had been lost between nodes.
        jdbc.sql("UPDATE auth_tokens SET revoked_at = now() WHERE token_hash = ?").param(SecretTokens.sha256(token)).update();

        openSessions.closeEnded();

        assertThat(closeCode(socket)).isEqualTo(4003);
        assertThat(fresh.isOpen()).isTrue();
    }

    @Test
    void aSocketMovedToAFreshTokenOutlivesTheOldOne() {
        User user = createUser(Role.CLIENT);
        String first = login(user);
        CallboardSession socket = connect(first, "laptop");
        clock.advance(Duration.ofSeconds(30));
        String second = login(user);

        JsonNode ack = socket.refreshToken(second).orTimeout(5, TimeUnit.SECONDS).join();
        assertThat(Instant.parse(ack.path("expiresAt").asString())).isEqualTo(clock.instant().truncatedTo(ChronoUnit.MILLIS).plusSeconds(60));
        http().post().uri("/api/auth/logout").header(HttpHeaders.AUTHORIZATION, "Bearer " + first)
                .exchange().expectStatus().isNoContent();
        clock.advance(Duration.ofSeconds(31)); // the first token would have expired now
        openSessions.closeExpired();
        openSessions.closeEnded();
        assertThat(socket.heartbeat().orTimeout(5, TimeUnit.SECONDS).join()).as("still open").isNotNull();

        clock.advance(Duration.ofSeconds(30)); // and now the second
        openSessions.closeExpired();
        assertThat(closeCode(socket)).isEqualTo(4003);
    }

    @Test
    void aRefreshWithABadOrAnotherUsersTokenIsRefusedAndTheSocketKeepsItsSession() {
        User user = createUser(Role.CLIENT);
        String token = login(user);
        CallboardSession socket = connect(token, "laptop");
        String stranger = login(createUser(Role.CLIENT));

        assertThat(refusal(socket, Map.of("token", stranger))).isEqualTo("forbidden");
        assertThat(refusal(socket, Map.of("token", "not-a-token"))).isEqualTo("unauthorized");
        assertThat(refusal(socket, Map.of("token", 42))).isEqualTo("bad_request");
        assertThat(refusal(socket, Map.of())).isEqualTo("bad_request");
        assertThat(socket.isOpen()).isTrue();

        http().post().uri("/api/auth/logout").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange().expectStatus().isNoContent();
        assertThat(closeCode(socket)).as("still on the token it was opened with").isEqualTo(4003);
    }

    @Test
    void aRefreshToATokenWithAnotherRoleReconnects() {
        User user = createUser(Role.CLIENT);
        CallboardSession socket = connect(login(user), "laptop");
        jdbc.sql("UPDATE users SET role = 'admin' WHERE id = ?").param(user.id()).update();
        socket.refreshToken(login(user)); // the socket closes at once: the ack may not make it
        assertThat(closeCode(socket)).isEqualTo(4003);
    }

    private static String refusal(CallboardSession socket, Map<String, ?> data) {
        try {
            socket.request("session.refresh", data).orTimeout(5, TimeUnit.SECONDS).join();
            return "accepted";
        } catch (java.util.concurrent.CompletionException e) {
            return ((dev.callboard.client.CallboardException) e.getCause()).code();
        }
    }

    private CallboardSession connect(String token, String deviceId) {
        CallboardClient api = CallboardClient.create(URI.create("http://127.0.0.1:" + port)).withToken(token);
        CallboardSession s = api.connect(SessionOptions.builder().deviceId(deviceId).build()).orTimeout(10, TimeUnit.SECONDS).join();
        opened.add(s);
        return s;
    }

    private static int closeCode(CallboardSession socket) {
        CloseStatus status = socket.closed().orTimeout(SOON.toSeconds(), TimeUnit.SECONDS).join();
        return status.code();
    }

    private String ticket(String token) {
        Map<?, ?> issued = http().post().uri("/api/realtime/ticket").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        return (String) issued.get("ticket");
    }

    /** A socket opened as a browser opens it: with a ticket in the URL, no header. */
    private record TicketSocket(WebSocket socket, CompletableFuture<Integer> closed) {
        static TicketSocket open(int port, String ticket, String deviceId) {
            CompletableFuture<Integer> closed = new CompletableFuture<>();
            WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws?ticket=" + ticket + "&deviceId=" + deviceId),
                            new WebSocket.Listener() {
                                @Override
                                public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                                    closed.complete(statusCode);
                                    return null;
                                }

                                @Override
                                public void onError(WebSocket webSocket, Throwable error) {
                                    closed.completeExceptionally(error);
                                }
                            })
                    .orTimeout(10, TimeUnit.SECONDS).join();
            return new TicketSocket(ws, closed);
        }

        int closeCode() {
            return closed.orTimeout(SOON.toSeconds(), TimeUnit.SECONDS).join();
        }
    }
}
