package dev.callboard.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.callboard.client.CallboardClient;
import dev.callboard.client.Media;
import dev.callboard.client.Role;
import dev.callboard.client.SessionOptions;
import dev.callboard.e2e.EndToEndTest;
import dev.callboard.support.LoggedProblems;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * JSON bodies made up by Jazzer, sent to every endpoint that reads one, as an admin, as a client,
 * with an API key or without a token. Every answer must be a success or a 4xx with an error body naming a code; a 5xx,
 * a body that is not an error, or anything logged at ERROR or with a stack trace is a finding.
 */
@TestPropertySource(properties = {
        "callboard.auth.admin-email=root@fuzz.test", "callboard.auth.admin-password=root-password-1"})
class RestBodyFuzzIT extends EndToEndTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> TARGETS = List.of(
            "POST /api/auth/login", "POST /api/users", "PUT /api/presence/me", "POST /api/calls",
            "POST /api/calls/{call}/answer", "POST /api/calls/{call}/decline", "POST /api/calls/{call}/cancel",
            "POST /api/calls/{call}/hangup", "POST /api/realtime/beacon", "POST /api/api-keys",
            "POST /api/tokens", "PUT /api/users/by-external-id/crm-fuzz", "PATCH /api/users/{client}");

    private static Users users;
    private static UUID lastCall;

    private record Users(CallboardClient admin, CallboardClient client, UUID clientId, String apiKey) {}

    @FuzzTest(maxDuration = "30s")
    @DictionaryEntries({"\"email\"", "\"password\"", "\"displayName\"", "\"role\"", "\"admin\"", "\"client\"",
            "\"status\"", "\"message\"", "\"expiresAt\"", "\"calleeId\"", "\"media\"", "\"audio\"", "\"video\"",
            "\"deviceId\"", "\"reason\"", "\"userId\"", "\"beaconKey\"", "\"do_not_disturb\"", "\"busy\"",
            "\"appear_offline\"", "\"2026-12-02T10:00:00Z\"", "\"externalId\"", "\"ttlSeconds\"", "\"user\"",
            "\"active\"", "\"name\"", "\"avatarUrl\"", "\"crm-fuzz\"", "\"\\u0000\"", "1e400", "9.3e18", "-1", "null", "{}", "[]"})
    void bodies(FuzzedDataProvider data) throws IOException, InterruptedException {
        LoggedProblems problems = FuzzSetup.loopbackAndLog();
        Users who = users();
        String target = TARGETS.get(data.consumeInt(0, TARGETS.size() - 1));
        int caller = data.consumeInt(0, 3);
        boolean realCall = data.consumeBoolean();
        String idempotencyKey = data.consumeBoolean() ? data.consumeAsciiString(80) : null;
        String body = data.consumeRemainingAsString();

        String[] methodAndPath = target.split(" ");
        String path = methodAndPath[1].replace("{call}", realCall ? ringingCall(who) : UUID.randomUUID().toString())
                .replace("{client}", who.clientId().toString());
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .method(methodAndPath[0], HttpRequest.BodyPublishers.ofString(body));
        if (caller < 2) request.header("Authorization", "Bearer " + (caller == 0 ? who.admin() : who.client()).token());
        if (caller == 3) request.header("Authorization", "Bearer " + who.apiKey());
        if (idempotencyKey != null && !idempotencyKey.isBlank() && idempotencyKey.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());

        String what = target + " " + body;
        assertThat(response.statusCode()).as("status for %s: %s", what, response.body()).isLessThan(500);
        if (response.statusCode() >= 400) {
            assertThat(errorCode(response.body())).as("error body for %s: %s", what, response.body()).isNotBlank();
        }
        assertThat(problems.drain()).as("logged for %s", what).isEmpty();
    }

    private static String errorCode(String body) {
        try {
            JsonNode error = JSON.readTree(body);
            return error.path("error").path("code").asString();
        } catch (JacksonException e) {
            fail("not JSON: " + body);
            return null;
        }
    }

    /** A new call from the admin to the client, ringing; the one before it is cancelled first. */
    private static String ringingCall(Users who) {
        if (lastCall != null) end(who.admin(), lastCall);
        try {
            lastCall = who.admin().startCall(who.clientId(), Media.AUDIO).id();
            return lastCall.toString();
        } catch (RuntimeException refused) {
            return UUID.randomUUID().toString(); // rate-limited: an unknown id then
        }
    }

    private static void end(CallboardClient caller, UUID call) {
        try {
            caller.cancelCall(call);
        } catch (RuntimeException notRinging) {
            try {
                caller.hangupCall(call);
            } catch (RuntimeException alreadyEnded) {
                // an earlier input ended it
            }
        }
    }

    private String apiKey(CallboardClient admin) {
        try {
            HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/api-keys"))
                    .header("Authorization", "Bearer " + admin.token()).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"fuzz\"}")).build(), HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(created.body()).path("key").asString();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private Users users() {
        if (users == null) {
            CallboardClient client = newUser(Role.CLIENT, "Fuzz Client");
            // online, so that calls to the client ring rather than being missed at once
            client.connect(SessionOptions.builder().build()).orTimeout(10, TimeUnit.SECONDS).join();
            CallboardClient admin = newUser(Role.ADMIN, "Fuzz Admin");
            users = new Users(admin, client, id(client), apiKey(admin));
        }
        return users;
    }
}
