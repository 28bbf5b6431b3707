package dev.callboard.auth;

import dev.callboard.directory.User;
import dev.callboard.identity.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LoginIT extends AuthIntegrationTest {

    @Test
    @SuppressWarnings("unchecked")
    void loginReturnsTokenExpiryAndUser() {
        User alice = users.create("alice-login@example.com", "Alice", Role.CLIENT,
                "https://img.example.com/a.png", hasher.hash(PASSWORD));

        Map<String, Object> body = http().post().uri("/api/auth/login")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", "alice-login@example.com", "password", PASSWORD))
                .exchange()
                .expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();

        String token = (String) body.get("token");
        assertThat(token).matches("[A-Za-z0-9_-]{43}");
        assertThat(Instant.parse((String) body.get("expiresAt")))
                .isCloseTo(Instant.now().plus(Duration.ofHours(12)), within(Duration.ofMinutes(1)));
        assertThat((Map<String, Object>) body.get("user")).containsExactlyInAnyOrderEntriesOf(Map.of(
                "id", alice.id().toString(), "email", "alice-login@example.com", "displayName", "Alice",
                "role", "client", "avatarUrl", "https://img.example.com/a.png", "active", true));
        // only the SHA-256 of the token is stored
        assertThat(jdbc.sql("SELECT count(*) FROM auth_tokens WHERE token_hash = ? AND user_id = ?")
                .params(SecretTokens.sha256(token), alice.id()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void emailIsCaseInsensitive() {
        User user = createUser(Role.CLIENT, "mixed-" + System.nanoTime() + "@example.com");
        assertThat(login(user.email().toUpperCase(), PASSWORD)).isNotBlank();
        assertThat(login("  " + user.email() + " ", PASSWORD)).isNotBlank();
    }

    @Test
    void wrongPasswordAndUnknownEmailFailIdentically() {
        User user = createUser(Role.CLIENT);
        EntityExchangeResult<String> wrongPassword = attempt(user.email(), "not the password");
        EntityExchangeResult<String> unknownEmail = attempt("nobody-" + System.nanoTime() + "@example.com", PASSWORD);

        assertThat(wrongPassword.getStatus().value()).isEqualTo(401);
        assertThat(unknownEmail.getStatus().value()).isEqualTo(401);
        assertThat(wrongPassword.getResponseBody()).isEqualTo(unknownEmail.getResponseBody())
                .isEqualTo("{\"error\":{\"code\":\"unauthorized\",\"message\":\"invalid email or password\"}}");
        assertThat(wrongPassword.getResponseHeaders().toSingleValueMap())
                .containsOnlyKeys(unknownEmail.getResponseHeaders().toSingleValueMap().keySet());
    }

    @Test
    @SuppressWarnings("unchecked")
    void meReturnsTheTokensUser() {
        User user = createUser(Role.ADMIN);
        Map<String, Object> me = http().get().uri("/api/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + login(user))
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(me).containsEntry("id", user.id().toString()).containsEntry("role", "admin")
                .containsOnlyKeys("id", "email", "displayName", "role", "avatarUrl", "active");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Bearer", "Bearer ", "Bearer not-a-token", "Basic dXNlcjpwYXNz", "Token abc"})
    void missingOrInvalidTokenGets401WithJsonError(String authorization) {
        var request = http().get().uri("/api/me");
        if (!authorization.isEmpty()) request = request.header(HttpHeaders.AUTHORIZATION, authorization);
        request.exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .expectBody().json("{\"error\":{\"code\":\"unauthorized\",\"message\":\"missing or invalid bearer token\"}}");
    }

    @Test
    void bearerSchemeIsCaseInsensitive() {
        String token = tokenFor(Role.CLIENT);
        http().get().uri("/api/me").header(HttpHeaders.AUTHORIZATION, "bearer " + token).exchange().expectStatus().isOk();
    }

    @Test
    void logoutRevokesOnlyThePresentedToken() {
        User user = createUser(Role.CLIENT);
        String first = login(user);
        String second = login(user);

        http().post().uri("/api/auth/logout").header(HttpHeaders.AUTHORIZATION, "Bearer " + first)
                .exchange().expectStatus().isNoContent();

        http().get().uri("/api/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + first).exchange().expectStatus().isUnauthorized();
        http().post().uri("/api/realtime/ticket").header(HttpHeaders.AUTHORIZATION, "Bearer " + first).exchange().expectStatus().isUnauthorized();
        http().post().uri("/api/auth/logout").header(HttpHeaders.AUTHORIZATION, "Bearer " + first).exchange().expectStatus().isUnauthorized();
        http().get().uri("/api/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + second).exchange().expectStatus().isOk();
    }

    @Test
    void logoutWithoutTokenIs401() {
        http().post().uri("/api/auth/logout").exchange().expectStatus().isUnauthorized();
    }

    @Test
    @SuppressWarnings("unchecked")
    void roleInASelfServiceBodyNeverChangesTheRole() {
        User user = createUser(Role.CLIENT);
        Map<String, Object> body = new HashMap<>(Map.of("email", user.email(), "password", PASSWORD,
                "role", "admin", "id", "00000000-0000-0000-0000-000000000001"));
        Map<String, Object> login = http().post().uri("/api/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body).exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        assertThat((Map<String, Object>) login.get("user")).containsEntry("role", "client")
                .containsEntry("id", user.id().toString());
        String token = (String) login.get("token");

        // there is no self-service endpoint that writes the account: these are refused, and change nothing
        for (var method : new org.springframework.http.HttpMethod[]{
                org.springframework.http.HttpMethod.PUT, org.springframework.http.HttpMethod.PATCH,
                org.springframework.http.HttpMethod.POST}) {
            http().method(method).uri("/api/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("role", "admin"))
                    .exchange().expectStatus().is4xxClientError();
        }
        http().post().uri("/api/realtime/ticket").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("role", "admin", "userId", "x"))
                .exchange().expectStatus().isOk();

        http().get().uri("/api/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.role").isEqualTo("client");
        assertThat(users.findById(user.id()).orElseThrow().role()).isEqualTo(Role.CLIENT);
        http().get().uri("/api/users").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange().expectStatus().isForbidden();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"email\": \"a@b.c\", \"password\": ", "not json", "[1,2]", "{}",
            "{\"email\": \"a@b.c\"}", "{\"password\": \"12345678\"}", "{\"email\": \"\", \"password\": \"x\"}"})
    void badLoginBodiesGet400WithErrorShape(String body) {
        http().post().uri("/api/auth/login").contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error.code").isEqualTo("bad_request")
                .jsonPath("$.error.message").isNotEmpty();
    }

    @Test
    void overlongPasswordIsRefusedBeforeHashing() {
        User user = createUser(Role.CLIENT);
        attemptExpecting(user.email(), "x".repeat(5000), 400);
    }

    @Test
    void publicPathsNeedNoToken() {
        http().get().uri("/actuator/health").exchange().expectStatus().isOk();
        // no beacon handler on this branch; the point is that the filter lets it through
        http().post().uri("/api/realtime/beacon").exchange()
                .expectStatus().value(s -> assertThat(s).isNotEqualTo(401));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/users", "/api/unknown", "/api", "/api/", "//api/users", "/api//users",
            "/api/users;role=admin", "/API/users", "/api/auth/logout", "/api/auth/login2", "/api/realtime/ticket"})
    void everyOtherApiPathNeedsAToken(String path) {
        http().get().uri(u -> u.path(path).build()).exchange()
                .expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.error.code").isEqualTo("unauthorized");
    }

    private EntityExchangeResult<String> attempt(String email, String password) {
        return http().post().uri("/api/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", email, "password", password))
                .exchange().expectBody(String.class).returnResult();
    }

    private void attemptExpecting(String email, String password, int status) {
        assertThat(attempt(email, password).getStatus().value()).isEqualTo(status);
    }
}
