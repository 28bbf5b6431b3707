package dev.callboard.web;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.server.PathContainer;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Which paths the authentication filter protects, however they are spelled. */
class AuthenticationFilterPathsTest {

    @ParameterizedTest
    @ValueSource(strings = {"/api/users", "/api", "/api/", "//api//users", "/api/users;x=1", "/API/users",
            "/api%2Fusers", "/api/auth/logout", "/api/auth/login/extra", "/api/realtime/ticket", "/api/me"})
    void protectedApiPaths(String path) {
        assertThat(AuthenticationFilter.isProtectedApi(segments(path))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/auth/login", "/api/auth/login/", "/api/realtime/beacon", "/actuator/health",
            "/v3/api-docs", "/", "/index.html", "/components/callboard-presence.js", "/ws"})
    void unprotectedPaths(String path) {
        assertThat(AuthenticationFilter.isProtectedApi(segments(path))).isFalse();
    }

    @Test
    void anApiKeyWorksOnlyWhereAHostBackendNeedsOne() {
        assertThat(AuthenticationFilter.takesApiKey(segments("/api/tokens"))).isTrue();
        assertThat(AuthenticationFilter.takesApiKey(segments("/api/users/by-external-id/crm-1"))).isTrue();
        assertThat(AuthenticationFilter.takesApiKey(segments("/api/users/by-external-id/crm%2F1"))).isTrue();
        assertThat(AuthenticationFilter.takesApiKey(segments("/api/users/by-external-id"))).isFalse();
        assertThat(AuthenticationFilter.takesApiKey(segments("/api/users/by-external-id/a/b"))).isFalse();
        assertThat(AuthenticationFilter.takesApiKey(segments("/api/users"))).isFalse();
        assertThat(AuthenticationFilter.takesApiKey(segments("/api/api-keys"))).isFalse();
        assertThat(AuthenticationFilter.takesApiKey(segments("/api/tokens/x"))).isFalse();
        assertThat(AuthenticationFilter.takesApiKey(segments("/ws"))).isFalse();
    }

    @Test
    void webSocketPath() {
        assertThat(AuthenticationFilter.isWebSocket(segments("/ws"))).isTrue();
        assertThat(AuthenticationFilter.isWebSocket(segments("//ws/"))).isTrue();
        assertThat(AuthenticationFilter.isWebSocket(segments("/ws/x"))).isFalse();
        assertThat(AuthenticationFilter.isWebSocket(segments("/wss"))).isFalse();
    }

    private static List<String> segments(String path) {
        return AuthenticationFilter.segments(PathContainer.parsePath(path));
    }
}
