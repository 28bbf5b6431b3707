package dev.callboard.web;

import dev.callboard.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A host page on another origin calls the REST API and loads the SDK: the origins on the one
 * allowlist get CORS answers (preflights too, bearer header, no cookies); any other origin gets 403
 * {@code origin_not_allowed} before authentication, so it learns nothing; requests without an
 * Origin, or from Callboard's own, are untouched.
 */
@TestPropertySource(properties = {
        "callboard.web.allowed-origins=https://crm.example.com, http://localhost:3000",
        "callboard.auth.admin-email=root@cors.test", "callboard.auth.admin-password=root-password-1"})
// a configuration of its own: closed afterwards, so its pool does not count against a shared PostgreSQL
@DirtiesContext
class CrossOriginIT extends IntegrationTest {
    private static final String HOST = "https://crm.example.com";
    private static final String EVIL = "https://evil.example.net";

    @LocalServerPort
    int port;

    private WebTestClient http() {
        return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
    }

    @Test
    void aPreflightFromTheHostIsAnsweredWithoutCredentials() {
        http().options().uri("/api/auth/login")
                .header(HttpHeaders.ORIGIN, HOST)
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "content-type, authorization")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, HOST)
                .expectHeader().value(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, m -> assertThat(m).contains("POST"))
                .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS);
    }

    @Test
    void theHostLogsInAndCallsTheApiAcrossOrigins() {
        Map<?, ?> login = http().post().uri("/api/auth/login").header(HttpHeaders.ORIGIN, HOST)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", "root@cors.test", "password", "root-password-1"))
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, HOST)
                .expectBody(Map.class).returnResult().getResponseBody();
        http().get().uri("/api/me").header(HttpHeaders.ORIGIN, HOST)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + login.get("token"))
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, HOST);
    }

    @Test
    void theSdkModulesLoadAcrossOrigins() {
        http().get().uri("/sdk/callboard.js").header(HttpHeaders.ORIGIN, "http://localhost:3000")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "http://localhost:3000");
    }

    @Test
    void anyOtherOriginIsRefusedBeforeAuthenticationAndLearnsNothing() {
        http().options().uri("/api/auth/login")
                .header(HttpHeaders.ORIGIN, EVIL)
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .exchange()
                .expectStatus().isForbidden()
                .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN)
                .expectBody().jsonPath("$.error.code").isEqualTo("origin_not_allowed");
        // the same answer with a made-up token as without one: no hint whether it is valid
        for (String bearer : new String[]{"Bearer not-a-token", null}) {
            WebTestClient.RequestHeadersSpec<?> me = http().get().uri("/api/me").header(HttpHeaders.ORIGIN, EVIL);
            if (bearer != null) me = me.header(HttpHeaders.AUTHORIZATION, bearer);
            me.exchange().expectStatus().isForbidden()
                    .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN)
                    .expectBody().jsonPath("$.error.code").isEqualTo("origin_not_allowed");
        }
        http().get().uri("/sdk/callboard.js").header(HttpHeaders.ORIGIN, EVIL).exchange().expectStatus().isForbidden();
        for (String malformed : new String[]{"null", "http://localhost:8080@evil.example", "http://[::1", "%%%"}) {
            http().get().uri("/api/me").header(HttpHeaders.ORIGIN, malformed).exchange()
                    .expectStatus().isForbidden()
                    .expectBody().jsonPath("$.error.code").isEqualTo("origin_not_allowed");
        }
    }

    @Test
    void aPreflightForAHeaderOrMethodOutsideThePolicyIsRefused() {
        http().options().uri("/api/users")
                .header(HttpHeaders.ORIGIN, HOST)
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "x-debug-impersonate")
                .exchange()
                .expectStatus().isForbidden()
                .expectBody().jsonPath("$.error.code").isEqualTo("cors_refused");
        http().method(HttpMethod.OPTIONS).uri("/api/users")
                .header(HttpHeaders.ORIGIN, HOST)
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "TRACE")
                .exchange()
                .expectStatus().isForbidden();
    }

    @Test
    void requestsWithoutAForeignOriginAreUntouched() {
        http().get().uri("/sdk/callboard.js").exchange().expectStatus().isOk()
                .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
        http().get().uri("/sdk/callboard.js").header(HttpHeaders.ORIGIN, "http://127.0.0.1:" + port).exchange()
                .expectStatus().isOk()
                .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
    }
}
