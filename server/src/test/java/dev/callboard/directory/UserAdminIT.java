package dev.callboard.directory;

import dev.callboard.auth.AuthIntegrationTest;
import dev.callboard.identity.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class UserAdminIT extends AuthIntegrationTest {
    String adminToken;
    String clientToken;

    @BeforeEach
    void tokens() {
        adminToken = tokenFor(Role.ADMIN);
        clientToken = tokenFor(Role.CLIENT);
    }

    @Test
    @SuppressWarnings("unchecked")
    void adminCreatesAUserWhoCanLogIn() {
        String email = "New.Person-" + UUID.randomUUID() + "@Example.com";
        Map<String, Object> created = post(adminToken, valid(email))
                .expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody();

        assertThat(created).containsOnlyKeys("id", "email", "displayName", "role", "avatarUrl", "active")
                .containsEntry("email", email.toLowerCase())
                .containsEntry("displayName", "New Person")
                .containsEntry("role", "client")
                .containsEntry("avatarUrl", "https://img.example.com/p.png");
        UUID id = UUID.fromString((String) created.get("id"));
        assertThat(users.findById(id)).isPresent();
        assertThat(login(email, "s3cret-password")).isNotBlank();
    }

    @Test
    void adminMayCreateAnotherAdminWithoutAvatar() {
        Map<String, Object> body = valid("second-admin-" + UUID.randomUUID() + "@example.com");
        body.put("role", "admin");
        body.remove("avatarUrl");
        post(adminToken, body).expectStatus().isCreated()
                .expectBody().jsonPath("$.role").isEqualTo("admin").jsonPath("$.avatarUrl").isEmpty();
    }

    @Test
    void serverOwnedFieldsInTheBodyAreIgnored() {
        String forcedId = "00000000-0000-0000-0000-0000000000aa";
        Map<String, Object> body = valid("ignored-" + UUID.randomUUID() + "@example.com");
        body.put("id", forcedId);
        body.put("createdAt", "2000-01-01T00:00:00Z");
        body.put("passwordHash", "$argon2id$forged");
        Map<?, ?> created = post(adminToken, body).expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody();
        assertThat(created.get("id")).isNotEqualTo(forcedId);
        assertThat(users.findById(UUID.fromString(forcedId))).isEmpty();
        assertThat(login((String) body.get("email"), "s3cret-password")).isNotBlank();
    }

    @Test
    void displayNameOfExactly100CharactersIsAccepted() {
        Map<String, Object> body = valid("long-name-" + UUID.randomUUID() + "@example.com");
        body.put("displayName", "n".repeat(100));
        post(adminToken, body).expectStatus().isCreated();
    }

    static Stream<Arguments> invalidBodies() {
        return Stream.of(
                Arguments.of("email", null, "email"),
                Arguments.of("email", "", "email"),
                Arguments.of("email", "not-an-email", "email"),
                Arguments.of("email", "a@b", "email"),
                Arguments.of("email", "two@at@example.com", "email"),
                Arguments.of("email", "spa ce@example.com", "email"),
                Arguments.of("email", "x".repeat(250) + "@example.com", "email"),
                Arguments.of("displayName", null, "displayName"),
                Arguments.of("displayName", "   ", "displayName"),
                Arguments.of("displayName", "n".repeat(101), "displayName"),
                Arguments.of("password", null, "password"),
                Arguments.of("password", "1234567", "password"),
                Arguments.of("password", "12345678", "password"),
                Arguments.of("password", "password", "password"),
                Arguments.of("role", null, "role"),
                Arguments.of("role", "superuser", "role"),
                Arguments.of("role", "ADMIN", "role"),
                Arguments.of("avatarUrl", "javascript:alert(1)", "avatarUrl"),
                Arguments.of("avatarUrl", "ftp://files.example.com/a.png", "avatarUrl"),
                Arguments.of("avatarUrl", "not a url", "avatarUrl"),
                Arguments.of("avatarUrl", "//example.com/a.png", "avatarUrl"),
                Arguments.of("avatarUrl", "https://user:pw@example.com/a.png", "avatarUrl"));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("invalidBodies")
    void invalidFieldsAre400AndCreateNothing(String field, String value, String mentioned) {
        long before = userCount();
        Map<String, Object> body = valid("invalid-" + UUID.randomUUID() + "@example.com");
        body.put(field, value);
        post(adminToken, body).expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.error.code").isEqualTo("bad_request")
                .jsonPath("$.error.message").value(m -> assertThat((String) m).contains(mentioned));
        assertThat(userCount()).isEqualTo(before);
    }

    @Test
    void duplicateEmailIsConflictRegardlessOfCase() {
        String email = "dup-" + UUID.randomUUID() + "@example.com";
        post(adminToken, valid(email)).expectStatus().isCreated();
        post(adminToken, valid(email.toUpperCase())).expectStatus().isEqualTo(409)
                .expectBody().json("{\"error\":{\"code\":\"email_taken\"}}");
    }

    @Test
    void clientCannotCreateUsersNotEvenToProbeEmails() {
        long before = userCount();
        post(clientToken, valid("by-client-" + UUID.randomUUID() + "@example.com"))
                .expectStatus().isForbidden()
                .expectBody().json("{\"error\":{\"code\":\"forbidden\"}}");
        // an existing email gives the same 403, never a 409 that would reveal the account
        User existing = createUser(Role.CLIENT);
        post(clientToken, valid(existing.email())).expectStatus().isForbidden();
        assertThat(userCount()).isEqualTo(before + 1);
    }

    @Test
    void clientCannotListUsers() {
        http().get().uri("/api/users").header(HttpHeaders.AUTHORIZATION, "Bearer " + clientToken)
                .exchange().expectStatus().isForbidden()
                .expectBody().jsonPath("$.error.code").isEqualTo("forbidden");
    }

    @Test
    void anonymousGets401() {
        http().get().uri("/api/users").exchange().expectStatus().isUnauthorized();
        http().post().uri("/api/users").contentType(MediaType.APPLICATION_JSON).bodyValue(valid("x@example.com"))
                .exchange().expectStatus().isUnauthorized();
    }

    @Test
    void adminListsEveryoneWithoutSecrets() {
        User client = createUser(Role.CLIENT);
        List<Map<String, Object>> list = http().get().uri("/api/users")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + adminToken)
                .exchange().expectStatus().isOk()
                .expectBodyList(new org.springframework.core.ParameterizedTypeReference<Map<String, Object>>() {})
                .returnResult().getResponseBody();
        assertThat(list).hasSize((int) userCount());
        assertThat(list).anySatisfy(u -> assertThat(u).containsEntry("id", client.id().toString()));
        assertThat(list).allSatisfy(u -> assertThat(u).containsOnlyKeys("id", "email", "displayName", "role", "avatarUrl", "active"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"email\": ", "not json", "[]", "\"a string\"", "{\"email\": {\"nested\": 1}}"})
    void malformedJsonIs400WithErrorShape(String raw) {
        http().post().uri("/api/users").header(HttpHeaders.AUTHORIZATION, "Bearer " + adminToken)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(raw)
                .exchange().expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.error.code").isEqualTo("bad_request")
                .jsonPath("$.error.message").isNotEmpty();
    }

    @Test
    void missingBodyIs400() {
        http().post().uri("/api/users").header(HttpHeaders.AUTHORIZATION, "Bearer " + adminToken)
                .contentType(MediaType.APPLICATION_JSON)
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error.code").isEqualTo("bad_request");
    }

    private WebTestClient.ResponseSpec post(String token, Map<String, Object> body) {
        return http().post().uri("/api/users").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    private static Map<String, Object> valid(String email) {
        Map<String, Object> body = new HashMap<>();
        body.put("email", email);
        body.put("displayName", "  New Person ");
        body.put("role", "client");
        body.put("password", "s3cret-password");
        body.put("avatarUrl", "https://img.example.com/p.png");
        return body;
    }
}
