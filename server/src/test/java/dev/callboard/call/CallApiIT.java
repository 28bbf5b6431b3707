package dev.callboard.call;

import dev.callboard.directory.User;
import dev.callboard.identity.Role;
import dev.callboard.presence.PresenceEngine;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The calling REST API over real HTTP with real bearer tokens and the real presence engine. */
class CallApiIT extends CallingIntegrationTest {
    private static final AtomicLong connections = new AtomicLong(1_000_000);

    @Autowired
    PresenceEngine presence;

    User admin;
    User client;
    String adminToken;
    String clientToken;

    @BeforeEach
    void users() {
        admin = createUser(Role.ADMIN);
        client = createUser(Role.CLIENT);
        adminToken = login(admin);
        clientToken = login(client);
    }

    private void online(User user, String deviceId) {
        presence.deviceConnected(user.id(), user.role(), deviceId, connections.incrementAndGet());
    }

    private WebTestClient.ResponseSpec post(String token, String path, Object body) {
        WebTestClient.RequestBodySpec spec = http().post().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
        return body == null ? spec.exchange() : spec.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    private WebTestClient.ResponseSpec get(String token, String path) {
        return http().get().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> json(WebTestClient.ResponseSpec response, int status) {
        return response.expectStatus().isEqualTo(status).expectBody(Map.class).returnResult().getResponseBody();
    }

    private Map<String, Object> call(String token, User callee) {
        return json(post(token, "/api/calls", Map.of("calleeId", callee.id().toString(), "media", "video")), 201);
    }

    @Test
    void callingAnOfflineUserReturnsAMissedCallAndLeavesHimARecord() {
        Map<String, Object> call = call(adminToken, client);

        assertThat(call).containsKeys("id", "callerId", "calleeId", "media", "status", "reason", "startedAt",
                "answeredAt", "endedAt", "durationSeconds");
        assertThat(call).containsEntry("status", "missed").containsEntry("reason", "offline")
                .containsEntry("callerId", admin.id().toString()).containsEntry("media", "video");
        assertThat(json(get(clientToken, "/api/missed-calls/unseen-count"), 200)).containsEntry("count", 1);
        Map<String, Object> page = json(get(clientToken, "/api/missed-calls"), 200);
        @SuppressWarnings("unchecked")
        Map<String, Object> missed = ((List<Map<String, Object>>) page.get("items")).getFirst();
        assertThat(missed).containsEntry("callId", call.get("id")).containsEntry("callerId", admin.id().toString())
                .containsEntry("callerName", admin.displayName()).containsKeys("callerAvatarUrl", "attemptedAt", "seenAt");
        assertThat(page).containsEntry("nextCursor", null);
        assertThat(json(post(clientToken, "/api/missed-calls/" + missed.get("id") + "/seen", null), 200))
                .containsEntry("count", 0);
        assertThat(json(post(adminToken, "/api/missed-calls/" + missed.get("id") + "/seen", null), 404))
                .containsEntry("error", Map.of("code", "not_found", "message", "missed call not found"));
    }

    @Test
    void ringAnswerAndHangUpOverRest() {
        online(client, "carl-1");
        Map<String, Object> call = call(adminToken, client);
        String id = (String) call.get("id");
        assertThat(call).containsEntry("status", "ringing");

        assertThat(json(post(clientToken, "/api/calls/" + id + "/answer", Map.of("deviceId", "carl-1")), 200))
                .containsEntry("status", "answered").containsEntry("answeredDeviceId", "carl-1");
        assertThat(json(get(adminToken, "/api/presence/" + client.id()), 200)).containsEntry("status", "in_a_call");
        json(post(adminToken, "/api/calls/" + id + "/answer", Map.of("deviceId", "x")), 409);
        Map<String, Object> ended = json(post(adminToken, "/api/calls/" + id + "/hangup", null), 200);
        assertThat(ended).containsEntry("status", "ended").containsEntry("reason", "user_hangup");
        assertThat(ended.get("durationSeconds")).isInstanceOf(Integer.class);
        assertThat(json(get(adminToken, "/api/presence/" + client.id()), 200)).doesNotContainEntry("status", "in_a_call");
        assertThat(json(post(clientToken, "/api/calls/" + id + "/decline", Map.of()), 409))
                .extractingByKey("error").asString().contains("invalid_transition");
    }

    @Test
    void badInputIsRejectedAndChangesNothing() {
        online(client, "carl-1");
        String calls = "/api/calls";
        json(post(adminToken, calls, Map.of("calleeId", admin.id().toString(), "media", "audio")), 400);
        json(post(adminToken, calls, Map.of("calleeId", client.id().toString(), "media", "hologram")), 400);
        json(post(adminToken, calls, Map.of("calleeId", "not-a-uuid", "media", "audio")), 400);
        json(post(adminToken, calls, Map.of("media", "audio")), 400);
        json(post(adminToken, calls, "{\"calleeId\": "), 400);
        json(post(adminToken, calls, Map.of("calleeId", UUID.randomUUID().toString(), "media", "audio")), 404);
        json(get(adminToken, "/api/calls/not-a-uuid"), 400);
        json(get(adminToken, "/api/calls/history?limit=0"), 400);
        json(get(adminToken, "/api/calls/history?direction=up"), 400);
        json(get(adminToken, "/api/missed-calls?cursor=garbage"), 400);
        http().post().uri(calls).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("calleeId", client.id().toString(), "media", "audio")).exchange()
                .expectStatus().isUnauthorized();
        assertThat(json(get(adminToken, "/api/calls/history"), 200).get("items")).asList().isEmpty();
    }

    @Test
    void callerIdInTheBodyIsIgnored() {
        online(admin, "ada-1");
        User other = createUser(Role.ADMIN);
        Map<String, Object> call = json(post(clientToken, "/api/calls", Map.of(
                "calleeId", admin.id().toString(), "media", "audio", "callerId", other.id().toString())), 201);
        assertThat(call).containsEntry("callerId", client.id().toString());
    }

    @Test
    void aClientCannotCallOrSeeAnotherClientAndStrangersSeeNoCall() {
        online(client, "carl-1");
        User otherClient = createUser(Role.CLIENT);
        String otherToken = login(otherClient);
        online(otherClient, "cleo-1");

        Map<String, Object> error = json(post(clientToken, "/api/calls",
                Map.of("calleeId", otherClient.id().toString(), "media", "audio")), 404);
        assertThat(error).containsEntry("error", Map.of("code", "not_found", "message", "user not found"));

        String id = (String) call(adminToken, client).get("id");
        for (String action : List.of("answer", "decline", "cancel", "hangup")) {
            json(post(otherToken, "/api/calls/" + id + "/" + action, Map.of("deviceId", "cleo-1")), 404);
        }
        json(get(otherToken, "/api/calls/" + id), 404);
        json(get(otherToken, "/api/calls/history?userId=" + client.id()), 403);

        String otherAdmin = tokenFor(Role.ADMIN);
        assertThat(json(get(otherAdmin, "/api/calls/" + id), 200)).containsEntry("status", "ringing");
        json(post(otherAdmin, "/api/calls/" + id + "/hangup", null), 403);
        assertThat(json(get(otherAdmin, "/api/calls/history?userId=" + client.id()), 200).get("items")).asList().hasSize(1);
        assertThat(json(get(clientToken, "/api/calls/" + id), 200)).containsEntry("status", "ringing");
    }

    @Test
    void idempotencyKeyMakesCreationSafeToRetry() {
        online(client, "carl-1");
        Map<String, String> body = Map.of("calleeId", client.id().toString(), "media", "audio");
        Map<String, Object> first = json(http().post().uri("/api/calls").header(HttpHeaders.AUTHORIZATION, "Bearer " + adminToken)
                .header("Idempotency-Key", "k-1").contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange(), 201);
        Map<String, Object> again = json(http().post().uri("/api/calls").header(HttpHeaders.AUTHORIZATION, "Bearer " + adminToken)
                .header("Idempotency-Key", "k-1").contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange(), 201);
        assertThat(again.get("id")).isEqualTo(first.get("id"));
        assertThat(json(get(adminToken, "/api/calls/history"), 200).get("items")).asList().hasSize(1);
    }

    @Test
    void retriesWithTheSameIdempotencyKeyDoNotUseUpTheAllowance() {
        Map<String, String> body = Map.of("calleeId", client.id().toString(), "media", "audio");
        Object id = null;
        for (int i = 0; i < 45; i++) { // more than the 30 starts a minute allowed
            Map<String, Object> call = json(http().post().uri("/api/calls").header(HttpHeaders.AUTHORIZATION, "Bearer " + adminToken)
                    .header("Idempotency-Key", "retry-1").contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange(), 201);
            if (id == null) id = call.get("id");
            assertThat(call.get("id")).isEqualTo(id);
        }
        json(http().post().uri("/api/calls").header(HttpHeaders.AUTHORIZATION, "Bearer " + adminToken)
                .header("Idempotency-Key", "another").contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange(), 201);
    }

    @Test
    void startingCallsInAFloodGets429() {
        Map<String, String> body = Map.of("calleeId", client.id().toString(), "media", "audio");
        int started = 0;
        WebTestClient.ResponseSpec response;
        while ((response = post(adminToken, "/api/calls", body)).returnResult(String.class).getStatus().value() == 201) {
            started++;
            assertThat(started).as("the limit never hit").isLessThan(60);
        }
        response.expectStatus().isEqualTo(429);
        assertThat(started).isGreaterThanOrEqualTo(30);
        assertThat(json(get(clientToken, "/api/missed-calls/unseen-count"), 200)).containsEntry("count", started);
    }

    @Test
    @SuppressWarnings("unchecked")
    void iceServersCarryStunAndTimeLimitedTurnCredentials() {
        Map<String, Object> ice = json(get(clientToken, "/api/calls/ice-servers"), 200);
        assertThat(ice).containsEntry("ttlSeconds", 3600);
        List<Map<String, Object>> servers = (List<Map<String, Object>>) ice.get("iceServers");
        assertThat(servers.getFirst()).isEqualTo(Map.of("urls", List.of("stun:stun.callboard.test:3478")));
        Map<String, Object> turn = servers.get(1);
        assertThat(turn.get("urls")).asList().containsExactly(
                "turn:turn.callboard.test:3478?transport=udp", "turns:turn.callboard.test:5349");
        String username = (String) turn.get("username");
        long expiry = Long.parseLong(username.substring(0, username.indexOf(':')));
        assertThat(username).endsWith(":" + client.id());
        assertThat(expiry).isBetween(Instant.now().getEpochSecond() + 3500, Instant.now().getEpochSecond() + 3700);
        assertThat(turn).containsEntry("credential", TurnCredentials.sign("north-wind", username));
    }
}
