package dev.callboard.account;

import dev.callboard.client.Call;
import dev.callboard.client.CallStatus;
import dev.callboard.client.CallboardClient;
import dev.callboard.client.CallboardException;
import dev.callboard.client.CallboardSession;
import dev.callboard.client.CloseStatus;
import dev.callboard.client.Media;
import dev.callboard.client.Role;
import dev.callboard.client.SessionOptions;
import dev.callboard.e2e.EndToEndTest;
import dev.callboard.support.ApiAnswer;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpRequest;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An admin changes a user through {@code PATCH /api/users/{id}}: details change in place, a new role
 * closes the user's sockets so they come back with it, and a deactivated user is cut off everywhere at
 * once (sockets, tokens, sign-in, calls) and seen by nobody, while his history stays.
 */
@TestPropertySource(properties = {
        "callboard.auth.admin-email=root@account.test", "callboard.auth.admin-password=root-password-1"})
// a configuration of its own: closed afterwards, so its pool does not count against a shared PostgreSQL
@DirtiesContext
class AccountLifecycleIT extends EndToEndTest {


    @Test
    void detailsChangeAndANewRoleReconnectsTheUsersSockets() {
        CallboardClient cleo = newUser(Role.CLIENT, "Cleo");
        CallboardSession phone = connect(cleo);

        ApiAnswer changed = patch(root(), id(cleo), "{\"displayName\":\"Cleo Admin\",\"email\":\"CLEO.NEW@account.test\","
                + "\"avatarUrl\":\"https://img.example.com/cleo.png\",\"role\":\"admin\"}");
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.body().path("displayName").asString()).isEqualTo("Cleo Admin");
        assertThat(changed.body().path("email").asString()).isEqualTo("cleo.new@account.test");
        assertThat(changed.body().path("role").asString()).isEqualTo("admin");
        assertThat(changed.body().path("active").asBoolean()).isTrue();

        CloseStatus closed = phone.closed().orTimeout(5, TimeUnit.SECONDS).join();
        assertThat(closed.code()).as("the socket still had the old role").isEqualTo(4003);
        CallboardSession again = connect(cleo); // the token is still good
        assertThat(again.hello().me().role()).isEqualTo(Role.ADMIN);
        assertThat(get(root(), id(cleo)).body().path("avatarUrl").asString()).isEqualTo("https://img.example.com/cleo.png");
    }

    @Test
    void aDeactivatedUserIsCutOffEverywhereAndSeenByNobodyButKeepsHisHistory() {
        CallboardClient ada = newUser(Role.ADMIN, "Ada");
        CallboardClient cleo = newUser(Role.CLIENT, "Cleo");
        String cleoEmail = cleo.me().email();
        UUID cleoId = id(cleo);
        connect(ada);
        CallboardSession phone = connect(cleo, SessionOptions.builder().deviceId("phone").build());
        Call call = ada.startCall(cleoId, Media.AUDIO);
        cleo.answerCall(call.id(), "phone");

        ApiAnswer deactivated = patch(root(), cleoId, "{\"active\":false}");
        assertThat(deactivated.status()).isEqualTo(200);
        assertThat(deactivated.body().path("active").asBoolean()).isFalse();

        assertThat(phone.closed().orTimeout(5, TimeUnit.SECONDS).join().code()).isEqualTo(4003);
        assertThatThrownBy(cleo::me).isInstanceOfSatisfying(CallboardException.class, e -> assertThat(e.status()).isEqualTo(401));
        assertThatThrownBy(() -> CallboardClient.login(baseUri(), cleoEmail, PASSWORD))
                .isInstanceOfSatisfying(CallboardException.class, e -> assertThat(e.status()).isEqualTo(401));
        assertThat(ada.getCall(call.id()).status()).as("his answered call ended").isEqualTo(CallStatus.ENDED);

        assertThatThrownBy(() -> ada.presence(cleoId)).as("invisible, like someone who never existed")
                .isInstanceOfSatisfying(CallboardException.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThat(ada.directory()).noneMatch(entry -> entry.user().id().equals(cleoId));
        assertThatThrownBy(() -> ada.startCall(cleoId, Media.AUDIO))
                .isInstanceOfSatisfying(CallboardException.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThat(ada.callHistory().items()).as("history kept").anyMatch(c -> c.id().equals(call.id()));

        assertThat(get(root(), cleoId).body().path("active").asBoolean()).as("the admin still finds him").isFalse();
        assertThat(patch(root(), cleoId, "{\"active\":true}").status()).isEqualTo(200);
        assertThat(CallboardClient.login(baseUri(), cleoEmail, PASSWORD).me().id()).as("reactivated").isEqualTo(cleoId);
    }

    @Test
    void badOrForbiddenChangesAreRefusedAndChangeNothing() {
        CallboardClient cleo = newUser(Role.CLIENT, "Cleo");
        CallboardClient cyd = newUser(Role.CLIENT, "Cyd");
        UUID cleoId = id(cleo);

        assertThat(patch(cyd, cleoId, "{\"displayName\":\"hacked\"}").status()).as("a client").isEqualTo(403);
        assertThat(patch(cyd, UUID.randomUUID(), "{\"displayName\":\"x\"}").status()).as("a client, unknown id").isEqualTo(403);
        assertThat(get(cyd, cleoId).status()).isEqualTo(403);
        assertThat(patch(root(), UUID.randomUUID(), "{\"displayName\":\"x\"}").code()).isEqualTo("not_found");
        assertThat(patchRaw(root(), "not-a-uuid", "{\"displayName\":\"x\"}").status()).isEqualTo(404);
        assertThat(patch(root(), cleoId, "{}").code()).isEqualTo("bad_request");
        assertThat(patch(root(), cleoId, "{\"email\":\"not an email\"}").code()).isEqualTo("bad_request");
        assertThat(patch(root(), cleoId, "{\"role\":\"root\"}").code()).isEqualTo("bad_request");
        assertThat(patch(root(), cleoId, "{\"avatarUrl\":\"javascript:alert(1)\"}").code()).isEqualTo("bad_request");
        assertThat(patch(root(), cleoId, "{\"email\":\"" + cyd.me().email() + "\"}").code()).isEqualTo("email_taken");
        assertThat(patch(root(), cleoId, "{\"displayName\":").status()).isEqualTo(400);

        JsonNode unchanged = get(root(), cleoId).body();
        assertThat(unchanged.path("displayName").asString()).isEqualTo("Cleo");
        assertThat(unchanged.path("email").asString()).isEqualTo(cleo.me().email());
        assertThat(unchanged.path("role").asString()).isEqualTo("client");
    }

    @Test
    void aDeletedUsersPersonalDataIsGoneAndHisCallsStayInOthersHistoryAnonymised() {
        CallboardClient ada = newUser(Role.ADMIN, "Ada");
        CallboardClient cleo = newUser(Role.CLIENT, "Cleo");
        String cleoEmail = cleo.me().email();
        UUID cleoId = id(cleo);
        Call missed = ada.startCall(cleoId, Media.AUDIO); // Cleo is offline: missed at once
        CallboardSession phone = connect(cleo);

        assertThat(send(cleo, delete("/api/users/" + id(ada))).status()).as("a client may not").isEqualTo(403);
        assertThat(send(root(), delete("/api/users/" + cleoId)).status()).isEqualTo(204);

        assertThat(phone.closed().orTimeout(5, TimeUnit.SECONDS).join().code()).isEqualTo(4003);
        assertThatThrownBy(cleo::me).isInstanceOf(CallboardException.class);
        assertThatThrownBy(() -> CallboardClient.login(baseUri(), cleoEmail, PASSWORD)).isInstanceOf(CallboardException.class);
        assertThat(get(root(), cleoId).status()).isEqualTo(404);
        assertThat(root().users()).extracting(u -> u.id()).doesNotContain(cleoId);
        Call inHistory = ada.callHistory().items().stream().filter(c -> c.id().equals(missed.id())).findFirst().orElseThrow();
        assertThat(inHistory.calleeName()).isEqualTo("Deleted user");
        assertThat(send(root(), delete("/api/users/" + cleoId)).status()).as("already gone").isEqualTo(404);
        assertThat(send(root(), delete("/api/users/not-an-id")).status()).isEqualTo(404);
        assertThat(patch(root(), cleoId, "{\"active\":true}").status()).as("cannot be brought back").isEqualTo(404);
    }

    @Test
    void changingHisPasswordEndsHisOtherSessionsAndAnAdminCanResetIt() {
        CallboardClient cleo = newUser(Role.CLIENT, "Cleo");
        String email = cleo.me().email();
        CallboardClient otherTab = CallboardClient.login(baseUri(), email, PASSWORD);
        CallboardSession otherSocket = connect(otherTab);

        assertThat(password(cleo, "{\"currentPassword\":\"wrong one\",\"newPassword\":\"a new long password\"}").code()).isEqualTo("wrong_password");
        assertThat(password(cleo, "{\"currentPassword\":\"" + PASSWORD + "\",\"newPassword\":\"short\"}").code()).isEqualTo("bad_request");
        assertThat(password(cleo, "{\"currentPassword\":\"" + PASSWORD + "\"}").code()).isEqualTo("bad_request");
        assertThat(otherSocket.isOpen()).as("nothing changed yet").isTrue();

        assertThat(password(cleo, "{\"currentPassword\":\"" + PASSWORD + "\",\"newPassword\":\"a new long password\"}").status()).isEqualTo(204);
        assertThat(otherSocket.closed().orTimeout(5, TimeUnit.SECONDS).join().code()).isEqualTo(4003);
        assertThatThrownBy(otherTab::me).isInstanceOf(CallboardException.class);
        assertThat(cleo.me().email()).as("this session stays").isEqualTo(email);
        assertThatThrownBy(() -> CallboardClient.login(baseUri(), email, PASSWORD)).isInstanceOf(CallboardException.class);
        CallboardClient.login(baseUri(), email, "a new long password");

        String reset = "{\"password\":\"set by the admin 1\"}";
        assertThat(send(cleo, put("/api/users/" + id(cleo) + "/password", reset)).status()).as("a client may not").isEqualTo(403);
        assertThat(send(root(), put("/api/users/" + UUID.randomUUID() + "/password", reset)).status()).isEqualTo(404);
        assertThat(send(root(), put("/api/users/" + id(cleo) + "/password", "{\"password\":\"" + email + "\"}")).code()).isEqualTo("bad_request");
        assertThat(send(root(), put("/api/users/" + id(cleo) + "/password", reset)).status()).isEqualTo(204);
        assertThatThrownBy(cleo::me).as("every session ends").isInstanceOf(CallboardException.class);
        assertThat(CallboardClient.login(baseUri(), email, "set by the admin 1").me().email()).isEqualTo(email);
    }

    @Test
    void guessingTheCurrentPasswordIsRateLimited() {
        CallboardClient cleo = newUser(Role.CLIENT, "Cleo");
        for (int i = 0; i < 10; i++) {
            assertThat(password(cleo, "{\"currentPassword\":\"guess " + i + "\",\"newPassword\":\"a new long password\"}").code())
                    .isEqualTo("wrong_password");
        }
        assertThat(password(cleo, "{\"currentPassword\":\"" + PASSWORD + "\",\"newPassword\":\"a new long password\"}").code())
                .as("even the right one, for a minute").isEqualTo("rate_limited");
        assertThat(CallboardClient.login(baseUri(), cleo.me().email(), PASSWORD).me()).as("unchanged").isNotNull();
    }

    private ApiAnswer password(CallboardClient as, String body) {
        return send(as, put("/api/me/password", body));
    }

    private HttpRequest.Builder put(String path, String body) {
        return HttpRequest.newBuilder(baseUri().resolve(path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body));
    }

    private HttpRequest.Builder delete(String path) {
        return HttpRequest.newBuilder(baseUri().resolve(path)).DELETE();
    }

    private ApiAnswer get(CallboardClient as, UUID id) {
        return send(as, HttpRequest.newBuilder(baseUri().resolve("/api/users/" + id)).GET());
    }

    private ApiAnswer patch(CallboardClient as, UUID id, String body) {
        return patchRaw(as, id.toString(), body);
    }

    private ApiAnswer patchRaw(CallboardClient as, String id, String body) {
        return send(as, HttpRequest.newBuilder(baseUri().resolve("/api/users/" + id))
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body)));
    }

    private static ApiAnswer send(CallboardClient as, HttpRequest.Builder request) {
        return ApiAnswer.send(as.token(), request);
    }
}
