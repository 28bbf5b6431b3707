package dev.callboard.web;

import dev.callboard.auth.AuthIntegrationTest;
import dev.callboard.directory.User;
import dev.callboard.identity.Role;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Browser hardening on every answer, and metrics that are not anonymous: a client must not be able
 * to watch other clients come and go through the connection gauge.
 */
@TestPropertySource(properties = {"callboard.actuator.metrics-token=scrape-secret-1",
        "callboard.web.frame-ancestors='self' https://crm.example.com"})
class SecurityHeadersIT extends AuthIntegrationTest {

    @Test
    void pagesCarryAContentSecurityPolicyWithoutInlineScript() {
        WebTestClient.ResponseSpec page = http().get().uri("/").exchange().expectStatus().isOk();
        page.expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
                .expectHeader().valueEquals("Referrer-Policy", "no-referrer")
                .expectHeader().value("Content-Security-Policy", csp -> {
                    assertThat(csp).contains("script-src 'self';").contains("style-src 'self';").doesNotContain("unsafe-inline");
                    assertThat(csp).contains("object-src 'none'").endsWith("frame-ancestors 'self' https://crm.example.com");
                });
    }

    @Test
    void tokenAnswersAndRefusalsAreNeverStored() {
        User user = createUser(Role.CLIENT);
        http().post().uri("/api/auth/login").bodyValue(Map.of("email", user.email(), "password", PASSWORD))
                .exchange().expectStatus().isOk().expectHeader().cacheControl(org.springframework.http.CacheControl.noStore());
        http().get().uri("/api/me").exchange().expectStatus().isUnauthorized()
                .expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, "no-store")
                .expectHeader().exists("Content-Security-Policy");
    }

    @Test
    void metricsNeedAnAdminOrTheScrapeToken() {
        for (String path : new String[]{"/actuator/prometheus", "/actuator/metrics", "/actuator/metrics/callboard.realtime.connections"}) {
            http().get().uri(path).exchange().expectStatus().isUnauthorized();
            http().get().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer not-a-token").exchange().expectStatus().isUnauthorized();
            http().get().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + tokenFor(Role.CLIENT)).exchange()
                    .expectStatus().isForbidden();
            http().get().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + tokenFor(Role.ADMIN)).exchange()
                    .expectStatus().isOk();
            http().get().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer scrape-secret-1").exchange()
                    .expectStatus().isOk();
        }
    }

    @Test
    void healthIsOpenButItsDetailsAreForAdmins() {
        String anonymous = http().get().uri("/actuator/health").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(anonymous).contains("\"status\":\"UP\"").doesNotContain("components");
        String client = http().get().uri("/actuator/health").header(HttpHeaders.AUTHORIZATION, "Bearer " + tokenFor(Role.CLIENT))
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(client).doesNotContain("components");
        String admin = http().get().uri("/actuator/health").header(HttpHeaders.AUTHORIZATION, "Bearer " + tokenFor(Role.ADMIN))
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(admin).contains("\"components\"").contains("\"db\"");
        http().get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
    }
}
