package dev.callboard.account;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.callboard.client.CallboardClient;
import dev.callboard.client.CallboardSession;
import dev.callboard.client.Role;
import dev.callboard.e2e.EndToEndTest;
import dev.callboard.support.ApiAnswer;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The host app's backend without a Callboard password: an admin gives it an API key; with it, it
 * upserts its users by its own id and mints short-lived tokens for them. With just-in-time
 * provisioning off, a host token works only for a user the host created first.
 */
@TestPropertySource(properties = {
        "callboard.auth.admin-email=root@host.test", "callboard.auth.admin-password=root-password-1",
        "callboard.auth.jwt.hs256-secret=" + HostBackendIT.SECRET, "callboard.auth.jwt.issuer=https://crm.example",
        "callboard.auth.jwt.audience=callboard", "callboard.auth.jwt.jit-provisioning=false"})
@DirtiesContext
class HostBackendIT extends EndToEndTest {
    static final String SECRET = "the-crm-backend-shares-this-secret-0123456789";


    @Test
    void anAdminCreatesAKeyThatIsShownOnceListedWithoutItsSecretAndMarkedWhenUsed() {
        ApiAnswer created = post(root().token(), "/api/api-keys", "{\"name\":\"CRM backend\"}");
        assertThat(created.status()).isEqualTo(201);
        String key = created.body().path("key").asString();
        assertThat(key).startsWith("cbk_");
        String id = created.body().path("id").asString();

        JsonNode listed = keyNamed(id);
        assertThat(listed.path("name").asString()).isEqualTo("CRM backend");
        assertThat(listed.has("key")).as("the secret is shown once").isFalse();
        assertThat(listed.path("lastUsedAt").isNull()).isTrue();

        assertThat(mint(key, "{\"externalId\":\"crm-first\",\"user\":{\"displayName\":\"First\"}}").status()).isEqualTo(201);
        assertThat(keyNamed(id).path("lastUsedAt").isNull()).as("marked when used").isFalse();
    }

    @Test
    void onlyAnAdminManagesKeysAndBadRequestsChangeNothing() {
        CallboardClient client = newUser(Role.CLIENT, "Cody");
        String key = newKey();
        assertThat(post(client.token(), "/api/api-keys", "{\"name\":\"mine\"}").status()).isEqualTo(403);
        assertThat(get(client.token(), "/api/api-keys").status()).isEqualTo(403);
        assertThat(delete(client.token(), "/api/api-keys/" + UUID.randomUUID()).status()).isEqualTo(403);
        assertThat(post(root().token(), "/api/api-keys", "{\"name\":\"  \"}").status()).isEqualTo(400);
        assertThat(post(root().token(), "/api/api-keys", "not json").status()).isEqualTo(400);
        assertThat(delete(root().token(), "/api/api-keys/" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(delete(root().token(), "/api/api-keys/not-a-uuid").status()).isEqualTo(404);
        assertThat(mint(key, "{\"externalId\":\"crm-still\",\"user\":{\"displayName\":\"Still\"}}").status())
                .as("the key still works").isEqualTo(201);
    }

    @Test
    void theHostMintsATokenForItsUserCreatingHimFirstAndTheTokenWorksEverywhere() {
        String key = newKey();
        String externalId = "crm-" + UUID.randomUUID();
        ApiAnswer minted = mint(key, "{\"externalId\":\"" + externalId + "\",\"ttlSeconds\":600,"
                + "\"user\":{\"displayName\":\"Kim Host\",\"email\":\"kim." + externalId + "@crm.example\"}}");
        assertThat(minted.status()).isEqualTo(201);
        String token = minted.body().path("token").asString();
        assertThat(Instant.parse(minted.body().path("expiresAt").asString())).isBefore(Instant.now().plusSeconds(601));
        assertThat(minted.body().path("user").path("externalId").asString()).isEqualTo(externalId);

        CallboardClient kim = CallboardClient.create(baseUri()).withToken(token);
        assertThat(kim.me().displayName()).isEqualTo("Kim Host");
        assertThat(kim.me().externalId()).isEqualTo(externalId);
        assertThat(connect(kim).hello().me().displayName()).isEqualTo("Kim Host");

        String userId = minted.body().path("user").path("id").asString();
        assertThat(mint(key, "{\"externalId\":\"" + externalId + "\"}").status()).as("by external id").isEqualTo(201);
        assertThat(mint(key, "{\"userId\":\"" + userId + "\"}").status()).as("by Callboard id").isEqualTo(201);
    }

    @Test
    void badMintRequestsAreRefusedAndCreateNobody() {
        String key = newKey();
        int before = root().users().size();
        ApiAnswer unknown = mint(key, "{\"externalId\":\"crm-nobody\"}");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(mint(key, "{\"userId\":\"" + UUID.randomUUID() + "\"}").status()).isEqualTo(404);
        assertThat(mint(key, "{\"userId\":\"not-a-uuid\"}").status()).isEqualTo(404);
        assertThat(mint(key, "{\"userId\":\"" + id(root()) + "\",\"externalId\":\"x\"}").code()).isEqualTo("bad_request");
        assertThat(mint(key, "{}").code()).isEqualTo("bad_request");
        assertThat(mint(key, "{\"externalId\":\"crm-short\",\"ttlSeconds\":5,\"user\":{\"displayName\":\"S\"}}").code()).isEqualTo("bad_request");
        assertThat(mint(key, "{\"externalId\":\"crm-blank\",\"user\":{\"displayName\":\" \"}}").code()).isEqualTo("bad_request");
        assertThat(mint(key, "{\"externalId\":\"\\u0007bell\",\"user\":{\"displayName\":\"Bell\"}}").code()).isEqualTo("bad_request");
        assertThat(mint(key, "[1,2]").status()).isEqualTo(400);
        assertThat(root().users()).hasSize(before);

        assertThat(mint(root().token(), "{\"userId\":\"" + id(root()) + "\"}").status())
                .as("a user's token cannot mint tokens, not even an admin's").isEqualTo(403);
        ApiAnswer elsewhere = get(key, "/api/directory");
        assertThat(elsewhere.status()).isEqualTo(403);
        assertThat(elsewhere.code()).isEqualTo("api_key_not_allowed");
        ApiAnswer forged = mint("cbk_" + "x".repeat(43), "{\"externalId\":\"crm-x\"}");
        assertThat(forged.status()).isEqualTo(401);
        assertThat(forged.code()).isEqualTo("invalid_api_key");
    }

    @Test
    void aDeactivatedUserGetsNoToken() {
        String key = newKey();
        String externalId = "crm-" + UUID.randomUUID();
        assertThat(upsert(key, externalId, "{\"displayName\":\"Dee\",\"active\":false}").status()).isEqualTo(201);
        ApiAnswer refused = mint(key, "{\"externalId\":\"" + externalId + "\"}");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.code()).isEqualTo("user_deactivated");
    }

    @Test
    void revokingAKeyEndsItAndEveryTokenItMinted() {
        String key = newKey();
        String keyId = keyId(key);
        String token = mint(key, "{\"externalId\":\"crm-" + UUID.randomUUID() + "\",\"user\":{\"displayName\":\"Rev\"}}")
                .body().path("token").asString();
        CallboardSession socket = connect(CallboardClient.create(baseUri()).withToken(token));

        assertThat(delete(root().token(), "/api/api-keys/" + keyId).status()).isEqualTo(204);
        assertThat(socket.closed().orTimeout(5, TimeUnit.SECONDS).join().code()).isEqualTo(4003);
        assertThat(get(token, "/api/me").status()).isEqualTo(401);
        ApiAnswer dead = mint(key, "{\"externalId\":\"crm-any\"}");
        assertThat(dead.status()).isEqualTo(401);
        assertThat(dead.code()).isEqualTo("invalid_api_key");
        assertThat(keyNamed(keyId).path("revokedAt").isNull()).isFalse();
        assertThat(delete(root().token(), "/api/api-keys/" + keyId).status()).as("again: no change").isEqualTo(204);
    }

    @Test
    void upsertByExternalIdCreatesUpdatesAdoptsAndDeactivates() {
        String key = newKey();
        String externalId = "crm-" + UUID.randomUUID();
        ApiAnswer created = upsert(key, externalId, "{\"displayName\":\"Uma\",\"role\":\"client\"}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().path("email").isNull()).as("a host user may have no email").isTrue();
        ApiAnswer updated = upsert(root().token(), externalId, "{\"displayName\":\"Uma Updated\",\"email\":\"uma@crm.example\"}");
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.body().path("id").asString()).isEqualTo(created.body().path("id").asString());
        assertThat(updated.body().path("email").asString()).isEqualTo("uma@crm.example");

        // an account made in Callboard first: an API key may not take it over, an admin may hand it to the host
        CallboardClient local = newUser(Role.CLIENT, "Lou");
        assertThat(upsert(key, "crm-lou", "{\"displayName\":\"Lou\",\"email\":\"" + local.me().email() + "\"}").code())
                .isEqualTo("email_taken");
        assertThat(mint(key, "{\"userId\":\"" + id(local) + "\"}").code()).as("nor mint its tokens").isEqualTo("not_host_managed");
        assertThat(mint(key, "{\"userId\":\"" + id(root()) + "\"}").code()).as("the first admin least of all").isEqualTo("not_host_managed");
        ApiAnswer adopted = upsert(root().token(), "crm-lou", "{\"displayName\":\"Lou\",\"email\":\"" + local.me().email() + "\"}");
        assertThat(adopted.status()).isEqualTo(200);
        assertThat(adopted.body().path("id").asString()).isEqualTo(id(local).toString());
        assertThat(adopted.body().path("externalId").asString()).isEqualTo("crm-lou");

        CallboardSession socket = connect(local);
        assertThat(upsert(key, "crm-lou", "{\"displayName\":\"Lou\",\"active\":false}").body().path("active").asBoolean()).isFalse();
        assertThat(socket.closed().orTimeout(5, TimeUnit.SECONDS).join().code()).isEqualTo(4003);

        CallboardClient client = newUser(Role.CLIENT, "Nosy");
        assertThat(upsert(client.token(), "crm-nosy", "{\"displayName\":\"Nosy\"}").status()).isEqualTo(403);
        assertThat(upsert(key, "crm-bad", "{\"displayName\":\"\"}").code()).isEqualTo("bad_request");
        assertThat(upsert(key, "crm-bad", "{\"displayName\":\"Bad\",\"role\":\"owner\"}").code()).isEqualTo("bad_request");
        assertThat(upsert(key, "crm-taken", "{\"displayName\":\"Taken\",\"email\":\"uma@crm.example\"}").code())
                .as("that email is Uma's, who already has an external id").isEqualTo("email_taken");
        assertThat(get(client.token(), "/api/directory").body().toString()).doesNotContain("crm-");
    }

    @Test
    void withoutJustInTimeProvisioningATokenWorksOnlyForAUserTheHostCreated() throws Exception {
        String externalId = "crm-" + UUID.randomUUID();
        String token = hostToken(externalId);
        int before = root().users().size();
        ApiAnswer refused = get(token, "/api/me");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.code()).isEqualTo("user_not_provisioned");
        assertThat(root().users()).hasSize(before);

        assertThat(upsert(newKey(), externalId, "{\"displayName\":\"Provisioned\"}").status()).isEqualTo(201);
        assertThat(get(token, "/api/me").body().path("displayName").asString()).isEqualTo("Provisioned");
    }

    @Test
    void aFirstInstallImportsUsersFromJsonAndCsvAndARepeatSkipsThem() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String json = "[{\"email\":\"ivy-" + tag + "@import.test\",\"displayName\":\"Ivy\",\"role\":\"admin\",\"password\":\"imported password 1\"},"
                + "{\"externalId\":\"crm-jo-" + tag + "\",\"displayName\":\"Jo\",\"email\":\"jo-" + tag + "@import.test\"}]";
        ApiAnswer first = importJson(root().token(), json);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body().path("created").asInt()).isEqualTo(2);
        ApiAnswer again = importJson(root().token(), json);
        assertThat(again.body().path("created").asInt()).isZero();
        assertThat(again.body().path("skipped").asInt()).isEqualTo(2);
        assertThat(CallboardClient.login(baseUri(), "ivy-" + tag + "@import.test", "imported password 1").me().role()).isEqualTo(Role.ADMIN);

        String csv = "displayName,externalId,email\nKai," + "crm-kai-" + tag + ",\n\"Lee, Jr.\",crm-lee-" + tag + ",lee-" + tag + "@import.test\n";
        ApiAnswer fromCsv = ApiAnswer.send(root().token(), HttpRequest.newBuilder(baseUri().resolve("/api/users/import"))
                .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofString(csv)));
        assertThat(fromCsv.status()).isEqualTo(200);
        assertThat(fromCsv.body().path("created").asInt()).isEqualTo(2);
        assertThat(root().users()).extracting(u -> u.displayName()).contains("Ivy", "Jo", "Kai", "Lee, Jr.");
        assertThat(root().users()).extracting(u -> u.externalId()).contains("crm-kai-" + tag);
    }

    @Test
    void anImportWithABadRowCreatesNobody() {
        int before = root().users().size();
        ApiAnswer bad = importJson(root().token(), "[{\"externalId\":\"crm-ok\",\"displayName\":\"Ok\"},"
                + "{\"externalId\":\"crm-bad\",\"displayName\":\"Bad\",\"email\":\"not an email\"},"
                + "{\"displayName\":\"Neither\"},"
                + "{\"externalId\":\"crm-both\",\"displayName\":\"Both\",\"password\":\"some password 1\"}]");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.code()).isEqualTo("invalid_rows");
        assertThat(bad.body().path("error").path("message").asString()).contains("row 2").contains("row 3").contains("row 4").doesNotContain("row 1:");
        ApiAnswer twice = importJson(root().token(), "[{\"externalId\":\"crm-twice\",\"displayName\":\"A\",\"email\":\"same@import.test\"},"
                + "{\"externalId\":\"crm-other\",\"displayName\":\"B\",\"email\":\"SAME@import.test\"},"
                + "{\"externalId\":\"crm-twice\",\"displayName\":\"C\"}]");
        assertThat(twice.code()).isEqualTo("invalid_rows");
        assertThat(twice.body().path("error").path("message").asString()).contains("row 2").contains("row 3").doesNotContain("row 1:");
        assertThat(importJson(root().token(), "[]").code()).isEqualTo("bad_request");
        assertThat(importJson(root().token(), "{\"not\":\"a list\"}").status()).isEqualTo(400);
        assertThat(ApiAnswer.send(root().token(), HttpRequest.newBuilder(baseUri().resolve("/api/users/import"))
                .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofString("displayName,externalId\n\"unclosed,x\n"))).status())
                .isEqualTo(400);
        String many = "[" + String.join(",", java.util.Collections.nCopies(1001, "{\"externalId\":\"x\",\"displayName\":\"X\"}")) + "]";
        assertThat(importJson(root().token(), many).code()).isEqualTo("bad_request");
        assertThat(importJson(newUser(Role.CLIENT, "Nosy").token(), "[{\"externalId\":\"crm-n\",\"displayName\":\"N\"}]").status()).isEqualTo(403);
        assertThat(importJson(newKey(), "[{\"externalId\":\"crm-k\",\"displayName\":\"K\"}]").code()).isEqualTo("api_key_not_allowed");
        assertThat(root().users()).hasSize(before + 1); // only Nosy
    }

    private ApiAnswer importJson(String credential, String body) {
        return post(credential, "/api/users/import", body);
    }

    private static String hostToken(String subject) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder().subject(subject)
                .issuer("https://crm.example").audience("callboard").expirationTime(Date.from(Instant.now().plusSeconds(300))).build());
        jwt.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    private String newKey() {
        return post(root().token(), "/api/api-keys", "{\"name\":\"key " + UUID.randomUUID() + "\"}").body().path("key").asString();
    }

    private String keyId(String key) {
        // the newest key is the one just made
        JsonNode keys = get(root().token(), "/api/api-keys").body();
        return keys.get(keys.size() - 1).path("id").asString();
    }

    private JsonNode keyNamed(String id) {
        return get(root().token(), "/api/api-keys").body().valueStream()
                .filter(k -> k.path("id").asString().equals(id)).findFirst().orElseThrow();
    }

    private ApiAnswer mint(String key, String body) {
        return post(key, "/api/tokens", body);
    }

    private ApiAnswer upsert(String credential, String externalId, String body) {
        return ApiAnswer.send(credential, HttpRequest.newBuilder(baseUri().resolve("/api/users/by-external-id/" + externalId))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    private ApiAnswer post(String credential, String path, String body) {
        return ApiAnswer.send(credential, HttpRequest.newBuilder(baseUri().resolve(path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private ApiAnswer get(String credential, String path) {
        return ApiAnswer.send(credential, HttpRequest.newBuilder(baseUri().resolve(path)));
    }

    private ApiAnswer delete(String credential, String path) {
        return ApiAnswer.send(credential, HttpRequest.newBuilder(baseUri().resolve(path)).DELETE());
    }
}
