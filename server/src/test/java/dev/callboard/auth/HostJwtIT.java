package dev.callboard.auth;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.callboard.client.CallboardClient;
import dev.callboard.client.CallboardSession;
import dev.callboard.client.CloseStatus;
import dev.callboard.client.Role;
import dev.callboard.e2e.EndToEndTest;
import dev.callboard.support.ApiAnswer;
import dev.callboard.support.MovableClock;
import dev.callboard.support.MutableClock;
import dev.callboard.support.OidcProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Host-signed access tokens, from a real OIDC provider (Spring Authorization Server in its own JVM)
 * and from a host backend with a shared HS256 secret: the subject becomes a Callboard user on first
 * sight, every bad token is refused with its reason and creates nothing, and such a session ends like
 * any other (logout, deactivation, expiry).
 */
@TestPropertySource(properties = {
        "callboard.auth.admin-email=root@jwt.test", "callboard.auth.admin-password=root-password-1",
        "callboard.auth.jwt.audience=callboard", "callboard.auth.jwt.role-claim=role",
        "callboard.auth.jwt.hs256-secret=" + HostJwtIT.SECRET})
@Import(MovableClock.class)
@DirtiesContext
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostJwtIT extends EndToEndTest {
    static final String SECRET = "a-shared-secret-of-the-host-backend-0123456789";
    static final OidcProvider PROVIDER = OidcProvider.onFreePort();

    @Autowired
    MutableClock clock;


    @DynamicPropertySource
    static void identityProvider(DynamicPropertyRegistry registry) {
        registry.add("callboard.auth.jwt.jwk-set-uri", PROVIDER::jwkSetUri);
        registry.add("callboard.auth.jwt.issuer", PROVIDER::issuer);
    }

    @AfterAll
    static void stopProvider() {
        PROVIDER.close();
    }

    @Test
    @Order(1)
    void anIdentityProviderThatIsDownDoesNotStopCallboardAndItsTokensWorkOnceItIsUp() throws Exception {
        // Callboard is already up (this test runs first): the provider has not been started yet
        assertThat(PROVIDER.started()).isFalse();
        String token = signedBy(new RSAKeyGenerator(2048).keyID("not-yet").generate(), claims("crm-early").build());
        ApiAnswer down = me(token);
        assertThat(down.status()).isEqualTo(503);
        assertThat(down.code()).isEqualTo("identity_provider_unavailable");

        PROVIDER.start();
        ApiAnswer up = me(PROVIDER.token(Map.of("subject", "crm-early", "name", "Early Bird")));
        assertThat(up.status()).isEqualTo(200);
        assertThat(up.body().path("displayName").asString()).isEqualTo("Early Bird");
    }

    @Test
    void theSubjectOfAnRs256TokenBecomesAUserOnFirstSightAndFollowsTheClaims() {
        String subject = "crm-" + UUID.randomUUID();
        String first = PROVIDER.token(Map.of("subject", subject, "email", "Dana@Host.Example", "name", "Dana Host",
                "picture", "https://img.example.com/dana.png"));
        ApiAnswer me = me(first);
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.body().path("displayName").asString()).isEqualTo("Dana Host");
        assertThat(me.body().path("email").asString()).isEqualTo("dana@host.example");
        assertThat(me.body().path("avatarUrl").asString()).isEqualTo("https://img.example.com/dana.png");
        assertThat(me.body().path("role").asString()).isEqualTo("client");
        assertThat(me.body().path("externalId").asString()).isEqualTo(subject);
        String id = me.body().path("id").asString();

        ApiAnswer renamed = me(PROVIDER.token(Map.of("subject", subject, "email", "dana@host.example", "name", "Dana Renamed")));
        assertThat(renamed.body().path("id").asString()).as("the same user").isEqualTo(id);
        assertThat(renamed.body().path("displayName").asString()).isEqualTo("Dana Renamed");
        assertThat(me(first).status()).as("the first token still works").isEqualTo(200);

        // a browser ticket works with a host token too: the SDK connects with one
        CallboardSession socket = connect(CallboardClient.create(baseUri()).withToken(first));
        assertThat(socket.hello().me().id().toString()).isEqualTo(id);
    }

    @Test
    void es256AndSharedSecretHs256TokensWorkToo() throws Exception {
        ApiAnswer es = me(PROVIDER.token(Map.of("subject", "crm-ec", "alg", "ES256", "name", "Eve Curve")));
        assertThat(es.status()).isEqualTo(200);
        assertThat(es.body().path("displayName").asString()).isEqualTo("Eve Curve");

        ApiAnswer hs = me(hs256(claims("crm-hs").claim("name", "Hal Secret").build()));
        assertThat(hs.status()).isEqualTo(200);
        assertThat(hs.body().path("displayName").asString()).isEqualTo("Hal Secret");
    }

    @Test
    void theRoleClaimMakesAnAdminAndTakingItAwayReconnectsHisSockets() {
        String subject = "crm-" + UUID.randomUUID();
        String adminToken = PROVIDER.token(Map.of("subject", subject, "name", "Ann Admin", "role", "admin"));
        assertThat(me(adminToken).body().path("role").asString()).isEqualTo("admin");
        CallboardSession socket = connect(CallboardClient.create(baseUri()).withToken(adminToken));
        assertThat(socket.hello().me().role()).isEqualTo(Role.ADMIN);

        String clientToken = PROVIDER.token(Map.of("subject", subject, "name", "Ann Admin", "role", "client"));
        assertThat(me(clientToken).body().path("role").asString()).isEqualTo("client");
        CloseStatus closed = socket.closed().orTimeout(5, TimeUnit.SECONDS).join();
        assertThat(closed.code()).as("the socket had the old role").isEqualTo(4003);
    }

    @Test
    void badTokensAreRefusedWithTheirReasonAndCreateNobody() throws Exception {
        PROVIDER.start();
        int before = userCount();
        JsonNode rsa = PROVIDER.jwks().path("keys").valueStream()
                .filter(k -> k.path("kty").asString().equals("RSA")).findFirst().orElseThrow();
        RSAKey providerKey = RSAKey.parse(rsa.toString());

        Map<String, String> refused = new java.util.LinkedHashMap<>();
        refused.put("wrong audience", PROVIDER.token(Map.of("subject", "bad-aud", "audience", "another-app")));
        refused.put("not yet valid", PROVIDER.token(Map.of("subject", "bad-nbf", "not_before_seconds", "300")));
        refused.put("wrong issuer", hs256(claims("bad-iss").issuer("https://evil.example").build()));
        refused.put("no expiry", hs256(new JWTClaimsSet.Builder().subject("bad-exp").issuer(PROVIDER.issuer())
                .audience("callboard").build()));
        refused.put("forged (another key, the provider's key id)",
                signedBy(new RSAKeyGenerator(2048).keyID(providerKey.getKeyID()).generate(), claims("bad-forged").build()));
        refused.put("payload changed after signing", tampered(PROVIDER.token(Map.of("subject", "bad-original"))));
        refused.put("alg none", unsigned(claims("bad-none").build()));
        refused.put("HS256 with the provider's public RSA key as the secret",
                signedWithSecret(providerKey.toRSAPublicKey().getEncoded(), claims("bad-confused").build()));
        refused.put("a subject that cannot be an external id", hs256(claims(" padded").build()));
        refused.put("HS256 with another secret",
                signedWithSecret("another-secret-that-is-long-enough-0123456789".getBytes(StandardCharsets.UTF_8), claims("bad-secret").build()));

        refused.forEach((why, token) -> {
            ApiAnswer answer = me(token);
            assertThat(answer.status()).as(why).isEqualTo(401);
            assertThat(answer.code()).as(why).isEqualTo("invalid_token");
            assertThat(answer.body().path("error").path("message").asString()).as(why).isNotBlank();
        });
        assertThat(userCount()).as("no bad token created a user").isEqualTo(before);
    }

    @Test
    void aTokenWhoseEmailBelongsToAnotherUserIsNotProvisioned() {
        int before = userCount();
        ApiAnswer answer = me(PROVIDER.token(Map.of("subject", "crm-" + UUID.randomUUID(), "email", "root@jwt.test")));
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.code()).isEqualTo("user_not_provisioned");
        assertThat(userCount()).isEqualTo(before);
        assertThat(me(root().token()).body().path("externalId").isMissingNode()).as("root was not taken over").isTrue();
    }

    @Test
    void aDeactivatedUsersTokensStopAndNewOnesAreRefused() {
        String subject = "crm-" + UUID.randomUUID();
        String token = PROVIDER.token(Map.of("subject", subject, "name", "Gone Soon"));
        String id = me(token).body().path("id").asString();
        CallboardSession socket = connect(CallboardClient.create(baseUri()).withToken(token));

        assertThat(ApiAnswer.send(root().token(), HttpRequest.newBuilder(uri("/api/users/" + id))
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"active\":false}"))).status()).isEqualTo(200);
        assertThat(socket.closed().orTimeout(5, TimeUnit.SECONDS).join().code()).isEqualTo(4003);
        assertThat(me(token).status()).isEqualTo(401);
        ApiAnswer fresh = me(PROVIDER.token(Map.of("subject", subject, "name", "Gone Soon")));
        assertThat(fresh.status()).isEqualTo(401);
        assertThat(fresh.code()).isEqualTo("user_deactivated");
    }

    @Test
    void aDeletedUsersNextTokenDoesNotBringHimBack() {
        String subject = "crm-" + UUID.randomUUID();
        String id = me(PROVIDER.token(Map.of("subject", subject, "name", "Forget Me"))).body().path("id").asString();
        assertThat(ApiAnswer.send(root().token(), HttpRequest.newBuilder(uri("/api/users/" + id)).DELETE()).status()).isEqualTo(204);
        int before = userCount();
        ApiAnswer again = me(PROVIDER.token(Map.of("subject", subject, "name", "Forget Me")));
        assertThat(again.status()).isEqualTo(401);
        assertThat(again.code()).isEqualTo("user_deleted");
        assertThat(userCount()).isEqualTo(before);
    }

    @Test
    void aLoggedOutHostTokenIsDead() {
        String token = PROVIDER.token(Map.of("subject", "crm-" + UUID.randomUUID()));
        assertThat(me(token).status()).isEqualTo(200);
        assertThat(ApiAnswer.send(token, HttpRequest.newBuilder(uri("/api/auth/logout"))
                .POST(HttpRequest.BodyPublishers.noBody())).status()).isEqualTo(204);
        ApiAnswer after = me(token);
        assertThat(after.status()).isEqualTo(401);
        assertThat(after.code()).isEqualTo("invalid_token");
    }

    @Test
    @Order(100) // moves the server's clock: last, so the other tests' tokens are not in the future
    void anExpiredTokenIsRefusedEvenIfItWorkedBefore() throws Exception {
        String seen = hs256(claims("crm-expiring").expirationTime(Date.from(clock.instant().plusSeconds(60))).build());
        assertThat(me(seen).status()).isEqualTo(200);
        String unseen = hs256(claims("crm-expiring").expirationTime(Date.from(clock.instant().plusSeconds(61))).build());
        clock.advance(Duration.ofSeconds(60 + 31)); // past the 30 s skew
        for (String token : new String[] {seen, unseen}) {
            ApiAnswer answer = me(token);
            assertThat(answer.status()).isEqualTo(401);
            assertThat(answer.code()).isEqualTo("invalid_token");
        }
    }

    private JWTClaimsSet.Builder claims(String subject) {
        return new JWTClaimsSet.Builder().subject(subject).issuer(PROVIDER.issuer()).audience("callboard")
                .issueTime(Date.from(clock.instant())).expirationTime(Date.from(clock.instant().plusSeconds(300)));
    }

    private static String hs256(JWTClaimsSet claims) throws Exception {
        return signedWithSecret(SECRET.getBytes(StandardCharsets.UTF_8), claims);
    }

    private static String signedWithSecret(byte[] secret, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(new MACSigner(secret));
        return jwt.serialize();
    }

    private static String signedBy(JWK key, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key.toRSAKey()));
        return jwt.serialize();
    }

    private static String unsigned(JWTClaimsSet claims) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8)) + ".";
    }

    /** The same signature over a payload whose subject was changed. */
    private static String tampered(String token) {
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("bad-original", "bad-takeover");
        return parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8))
                + "." + parts[2];
    }

    private int userCount() {
        return root().users().size();
    }

    private ApiAnswer me(String token) {
        return ApiAnswer.send(token, HttpRequest.newBuilder(uri("/api/me")));
    }

    private URI uri(String path) {
        return baseUri().resolve(path);
    }
}
