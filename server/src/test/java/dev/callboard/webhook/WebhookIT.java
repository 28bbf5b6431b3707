package dev.callboard.webhook;

import dev.callboard.client.Call;
import dev.callboard.client.CallboardClient;
import dev.callboard.client.Media;
import dev.callboard.client.Role;
import dev.callboard.client.SessionOptions;
import dev.callboard.e2e.EndToEndTest;
import dev.callboard.support.ApiAnswer;
import dev.callboard.support.LoggedProblems;
import dev.callboard.support.MovableClock;
import dev.callboard.support.MutableClock;
import dev.callboard.support.WebhookReceiver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Webhooks to a real HTTP receiver: a call's transitions and a user's changes arrive signed (Standard
 * Webhooks), in order per call or user, and a receiver that is down or hangs gets them all later, in
 * the same order. The dispatcher is run by the test (its schedule is an hour here) on a clock the
 * test moves, so retries happen without waiting.
 */
@TestPropertySource(properties = {
        "callboard.auth.admin-email=root@hooks.test", "callboard.auth.admin-password=root-password-1",
        "callboard.webhooks.poll-interval=PT1H", "callboard.webhooks.timeout=1s"})
@Import(MovableClock.class)
@DirtiesContext
class WebhookIT extends EndToEndTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    WebhookDispatcher dispatcher;
    @Autowired
    MutableClock clock;

    @AfterEach
    void removeEndpoints() {
        for (JsonNode endpoint : api("GET", "/api/webhooks", null, root()).body()) {
            api("DELETE", "/api/webhooks/" + endpoint.path("id").asString(), null, root());
        }
    }

    @Test
    void aCallsTransitionsArriveSignedInOrderWithTheirData() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            ApiAnswer created = api("POST", "/api/webhooks", "{\"url\":\"" + receiver.url() + "\"}", root());
            assertThat(created.status()).isEqualTo(201);
            String secret = created.body().path("secret").asString();
            assertThat(secret).startsWith("whsec_");

            CallboardClient ada = newUser(Role.ADMIN, "Ada");
            CallboardClient cleo = newUser(Role.CLIENT, "Cleo");
            connect(cleo, SessionOptions.builder().deviceId("phone").build());
            Call call = ada.startCall(id(cleo), Media.AUDIO);
            cleo.answerCall(call.id(), "phone");
            ada.hangupCall(call.id());
            dispatcher.run();

            List<JsonNode> events = eventsAbout(receiver, call.id());
            assertThat(events).extracting(e -> e.path("type").asString())
                    .containsExactly("call.ringing", "call.answered", "call.ended");
            JsonNode ended = events.getLast().path("data").path("call");
            assertThat(ended.path("callerId").asString()).isEqualTo(id(ada).toString());
            assertThat(ended.path("calleeId").asString()).isEqualTo(id(cleo).toString());
            assertThat(ended.path("reason").asString()).isEqualTo("user_hangup");
            assertThat(ended.has("durationSeconds")).isTrue();
            for (WebhookReceiver.Received r : receiver.received()) {
                assertThat(r.headers().get("webhook-signature"))
                        .as("signed as Standard Webhooks says")
                        .isEqualTo("v1," + hmac(secret, r.headers().get("webhook-id") + "." + r.headers().get("webhook-timestamp") + "." + r.body()));
            }
            assertThat(eventTypes(receiver)).contains("user.created");
        }
    }

    @Test
    void aReceiverThatIsDownGetsEverythingLaterInOrder() throws Exception {
        LoggedProblems problems = LoggedProblems.attach();
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            String endpoint = api("POST", "/api/webhooks", "{\"url\":\"" + receiver.url()
                    + "\",\"eventTypes\":[\"user.created\",\"user.updated\",\"user.deactivated\"]}", root()).body().path("id").asString();
            receiver.answer(503);
            UUID dee = id(newUser(Role.CLIENT, "Dee"));
            api("PATCH", "/api/users/" + dee, "{\"displayName\":\"Dee Renamed\"}", root());
            api("PATCH", "/api/users/" + dee, "{\"active\":false}", root());

            dispatcher.run();
            assertThat(receiver.received()).isEmpty();
            JsonNode log = api("GET", "/api/webhooks/" + endpoint + "/deliveries", null, root()).body();
            JsonNode first = log.get(log.size() - 1);
            assertThat(first.path("state").asString()).isEqualTo("pending");
            assertThat(first.path("attempts").asInt()).isEqualTo(1);
            assertThat(first.path("lastStatus").asInt()).isEqualTo(503);
            assertThat(log.get(0).path("attempts").asInt()).as("later events wait for the first").isZero();

            clock.advance(Duration.ofSeconds(5));
            dispatcher.run();
            assertThat(receiver.received()).isEmpty();

            receiver.answer(200); // back after 30 s
            clock.advance(Duration.ofSeconds(30));
            dispatcher.run();
            assertThat(eventsAbout(receiver, dee)).extracting(e -> e.path("type").asString())
                    .containsExactly("user.created", "user.updated", "user.deactivated");
            assertThat(api("GET", "/api/webhooks/" + endpoint + "/deliveries", null, root()).body().valueStream()
                    .allMatch(d -> d.path("state").asString().equals("delivered"))).isTrue();
            assertThat(problems.drain()).as("a receiver's failure is not our error").isEmpty();
        }
    }

    @Test
    void aHangingReceiverTimesOutIsRetriedAndCanBeReplayed() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            String endpoint = api("POST", "/api/webhooks", "{\"url\":\"" + receiver.url()
                    + "\",\"eventTypes\":[\"user.created\"]}", root()).body().path("id").asString();
            receiver.hangFor(3000);
            CallboardClient hal = newUser(Role.CLIENT, "Hal");
            dispatcher.run();
            JsonNode attempt = api("GET", "/api/webhooks/" + endpoint + "/deliveries", null, root()).body().get(0);
            assertThat(attempt.path("lastError").asString()).contains("timed out");

            receiver.hangFor(0);
            clock.advance(Duration.ofSeconds(5));
            dispatcher.run();
            assertThat(eventsAbout(receiver, id(hal))).hasSize(1);

            long eventId = attempt.path("eventId").asLong();
            assertThat(api("POST", "/api/webhooks/" + endpoint + "/deliveries/" + eventId + "/replay", null, root()).status()).isEqualTo(202);
            dispatcher.run();
            List<WebhookReceiver.Received> twice = receiver.received();
            assertThat(twice).hasSize(2);
            assertThat(twice.get(1).headers().get("webhook-id")).as("the same message again").isEqualTo(twice.get(0).headers().get("webhook-id"));
        }
    }

    @Test
    void onlyAnAdminManagesEndpointsAndBadInputChangesNothing() {
        CallboardClient client = newUser(Role.CLIENT, "Nosy");
        String endpoint = api("POST", "/api/webhooks", "{\"url\":\"https://crm.example/hooks\"}", root()).body().path("id").asString();
        assertThat(api("POST", "/api/webhooks", "{\"url\":\"https://evil.example\"}", client).status()).isEqualTo(403);
        assertThat(api("GET", "/api/webhooks", null, client).status()).isEqualTo(403);
        assertThat(api("PATCH", "/api/webhooks/" + endpoint, "{\"enabled\":false}", client).status()).isEqualTo(403);
        assertThat(api("DELETE", "/api/webhooks/" + endpoint, null, client).status()).isEqualTo(403);
        assertThat(api("GET", "/api/webhooks/" + endpoint + "/deliveries", null, client).status()).isEqualTo(403);
        assertThat(api("POST", "/api/webhooks/" + endpoint + "/deliveries/1/replay", null, client).status()).isEqualTo(403);

        assertThat(api("POST", "/api/webhooks", "{\"url\":\"ftp://crm.example\"}", root()).code()).isEqualTo("bad_request");
        assertThat(api("POST", "/api/webhooks", "{\"url\":\"https://user:pw@crm.example\"}", root()).code()).isEqualTo("bad_request");
        assertThat(api("POST", "/api/webhooks", "{}", root()).code()).isEqualTo("bad_request");
        assertThat(api("POST", "/api/webhooks", "{\"url\":\"https://crm.example\",\"eventTypes\":[\"call.everything\"]}", root()).code()).isEqualTo("bad_request");
        assertThat(api("PATCH", "/api/webhooks/" + endpoint, "{}", root()).code()).isEqualTo("bad_request");
        assertThat(api("PATCH", "/api/webhooks/" + UUID.randomUUID(), "{\"enabled\":false}", root()).status()).isEqualTo(404);
        assertThat(api("DELETE", "/api/webhooks/not-an-id", null, root()).status()).isEqualTo(404);
        assertThat(api("POST", "/api/webhooks/" + endpoint + "/deliveries/999999/replay", null, root()).status()).isEqualTo(404);
        assertThat(api("POST", "/api/webhooks/" + endpoint + "/deliveries/x/replay", null, root()).status()).isEqualTo(400);

        JsonNode listed = api("GET", "/api/webhooks", null, root()).body();
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).path("enabled").asBoolean()).isTrue();
        assertThat(listed.get(0).path("secret").isNull() || listed.get(0).path("secret").isMissingNode())
                .as("the secret is shown once").isTrue();
    }

    private static List<JsonNode> eventsAbout(WebhookReceiver receiver, UUID subject) {
        return receiver.received().stream().map(r -> JSON.readTree(r.body()))
                .filter(e -> e.path("data").toString().contains(subject.toString())
                        && (e.path("data").path("call").path("id").asString().equals(subject.toString())
                        || e.path("data").path("user").path("id").asString().equals(subject.toString())))
                .toList();
    }

    private static List<String> eventTypes(WebhookReceiver receiver) {
        return receiver.received().stream().map(r -> JSON.readTree(r.body()).path("type").asString()).toList();
    }

    private static String hmac(String secret, String signed) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
    }

    private ApiAnswer api(String method, String path, String body, CallboardClient as) {
        HttpRequest.Builder request = HttpRequest.newBuilder(baseUri().resolve(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) request.header("Content-Type", "application/json");
        return ApiAnswer.send(as.token(), request);
    }
}
