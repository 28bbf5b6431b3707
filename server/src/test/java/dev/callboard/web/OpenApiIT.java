package dev.callboard.web;

import dev.callboard.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

class OpenApiIT extends IntegrationTest {
    @Value("${local.server.port}")
    int port;

    @Test
    void theApiIsDescribedWithoutAuthenticationAndWithoutServerSideParameters() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v3/api-docs")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode doc = JsonMapper.builder().build().readTree(response.body());
        assertThat(doc.path("paths").propertyNames()).contains(
                "/api/auth/login", "/api/directory", "/api/presence/me", "/api/calls", "/api/missed-calls",
                "/api/tokens", "/api/api-keys", "/api/users/by-external-id/{externalId}");
        // The current user comes from the token; it must not show up as something to send.
        assertThat(response.body()).doesNotContain("CurrentUser").doesNotContain("Caller");
        assertThat(doc.path("components").path("securitySchemes").path("bearer").path("scheme").asString()).isEqualTo("bearer");
    }
}
