package dev.callboard.e2e;

import dev.callboard.client.CallboardClient;
import dev.callboard.client.CallboardSession;
import dev.callboard.client.PresenceStatus;
import dev.callboard.client.RawResponse;
import dev.callboard.client.Role;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Forbidden and malformed requests to the presence, directory and beacon endpoints: a clear error, nothing changed. */
@TestPropertySource(properties = {"callboard.auth.admin-email=root@e2e.test", "callboard.auth.admin-password=root-password-1"})
class PresenceApiBadInputIT extends EndToEndTest {

    private static void assertError(RawResponse r, int status, String code) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.json().path("error").path("code").asString()).isEqualTo(code);
        assertThat(r.json().path("error").path("message").asString()).isNotBlank();
    }

    @Test
    void withoutATokenNothingIsVisible() {
        CallboardClient anonymous = CallboardClient.create(baseUri());
        for (String path : new String[]{"/api/directory", "/api/presence", "/api/presence/" + java.util.UUID.randomUUID()}) {
            assertError(anonymous.exchange("GET", path, null), 401, "unauthorized");
        }
        assertError(anonymous.exchange("PUT", "/api/presence/me", "{\"status\":\"busy\"}"), 401, "unauthorized");
    }

    @Test
    void malformedPresenceChangesAreRejectedAndChangeNothing() {
        CallboardClient client = newUser(Role.CLIENT, "Cleo");
        assertError(client.exchange("PUT", "/api/presence/me", "{\"status\":"), 400, "bad_request");
        assertError(client.exchange("PUT", "/api/presence/me", "{\"status\":\"busy\",\"role\":\"admin\"}"), 400, "bad_request");
        assertError(client.exchange("PUT", "/api/presence/me", "{\"status\":\"in_a_call\"}"), 400, "bad_request");
        assertError(client.exchange("PUT", "/api/presence/me", "{\"message\":\"" + "x".repeat(281) + "\"}"), 400, "bad_request");
        assertError(client.exchange("PUT", "/api/presence/me", "[]"), 400, "bad_request");
        assertThat(client.me().role()).isEqualTo(Role.CLIENT);
        assertThat(client.presence(id(client)).manualStatus()).isNull();
        assertThat(client.presence(id(client)).message()).isNull();
    }

    @Test
    void unknownFiltersAndIdsAreErrorsNotHints() {
        CallboardClient client = newUser(Role.CLIENT, "Cleo");
        assertError(client.exchange("GET", "/api/presence?status=sleeping", null), 400, "bad_request");
        assertError(client.exchange("GET", "/api/presence/not-a-uuid", null), 404, "not_found");
        assertError(client.exchange("GET", "/api/presence/" + java.util.UUID.randomUUID(), null), 404, "not_found");
    }

    @Test
    void malformedBeaconsAreRejectedAndForeignOnesDoNothing() {
        CallboardClient admin = newUser(Role.ADMIN, "Ada");
        CallboardClient client = newUser(Role.CLIENT, "Cleo");
        CallboardSession session = connect(client);
        CallboardClient anonymous = CallboardClient.create(baseUri());

        assertError(anonymous.exchange("POST", "/api/realtime/beacon", "not json"), 400, "bad_request");
        assertError(anonymous.exchange("POST", "/api/realtime/beacon", "{\"deviceId\":\"x\"}"), 400, "bad_request");
        assertError(anonymous.exchange("POST", "/api/realtime/beacon",
                "{\"userId\":\"nope\",\"deviceId\":\"x\",\"beaconKey\":\"y\"}"), 400, "bad_request");
        // Another user's key, or a guessed one, does not close the device.
        RawResponse guessed = anonymous.exchange("POST", "/api/realtime/beacon", json(Map.of(
                "userId", id(client).toString(), "deviceId", session.deviceId(), "beaconKey", "guess")));
        assertThat(guessed.status()).isEqualTo(204);
        assertThat(session.isOpen()).isTrue();
        assertThat(admin.presence(id(client)).status()).isEqualTo(PresenceStatus.AVAILABLE);
        assertThat(admin.presence(id(client)).manualStatus()).as("others never see the choice").isNull();
    }

    private static String json(Map<String, String> fields) {
        StringBuilder b = new StringBuilder("{");
        fields.forEach((k, v) -> b.append(b.length() > 1 ? "," : "").append('"').append(k).append("\":\"").append(v).append('"'));
        return b.append('}').toString();
    }
}
