package dev.callboard.web;

import dev.callboard.auth.AllowedOrigins;
import dev.callboard.auth.AuthProperties;
import dev.callboard.auth.AuthTokens;
import dev.callboard.auth.WsTickets;
import dev.callboard.db.DatabaseGate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import dev.callboard.auth.ApiKeys;
import dev.callboard.auth.Credentials;
import dev.callboard.identity.Role;
import dev.callboard.messaging.EventBus;
import dev.callboard.messaging.OutboundEvent;

import java.time.Duration;
import java.util.Collection;
import java.util.Optional;
import java.util.UUID;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The filter without a server. Its stores point at a PostgreSQL port where nothing listens: a real
 * driver failing for real, to show what a database outage looks like to clients.
 */
class AuthenticationFilterTest {
    final JdbcClient unreachable = JdbcClient.create(
            new DriverManagerDataSource("jdbc:postgresql://127.0.0.1:1/none?connectTimeout=2"));
    final AuthProperties properties = new AuthProperties(null, null, 0, 0, null, null);
    final AuthenticationFilter filter = new AuthenticationFilter(
            new Credentials(new AuthTokens(unreachable, Clock.systemUTC(), properties), Optional.empty()),
            new ApiKeys(unreachable, Clock.systemUTC(), new NoDevices()),
            new WsTickets(unreachable, Clock.systemUTC(), properties),
            new AllowedOrigins(List.of("http://localhost:8080")),
            JsonMapper.builder().build(),
            new DatabaseGate(4, Clock.systemUTC()));
    /** Nobody is connected in these tests. */
    static final class NoDevices implements EventBus {
        @Override
        public void toUsers(Collection<UUID> userIds, OutboundEvent event) {}

        @Override
        public void toDevice(UUID userId, String deviceId, OutboundEvent event) {}

        @Override
        public void toWatchersOf(UUID subjectId, Role subjectRole, OutboundEvent event) {}
    }

    final AtomicBoolean passed = new AtomicBoolean();
    final WebFilterChain chain = exchange -> {
        passed.set(true);
        return Mono.empty();
    };

    @AfterEach
    void stop() {
        filter.destroy();
    }

    @Test
    void publicPathsPassWithoutTouchingTheDatabase() {
        for (String path : List.of("/actuator/health", "/api/auth/login", "/api/realtime/beacon", "/index.html")) {
            passed.set(false);
            run(MockServerHttpRequest.post(path).build());
            assertThat(passed).as(path).isTrue();
        }
    }

    @Test
    void missingTokenIsRejectedWithoutTouchingTheDatabase() {
        MockServerWebExchange exchange = run(MockServerHttpRequest.get("/api/me").build());
        assertThat(passed).isFalse();
        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(exchange.getResponse().getBodyAsString().block())
                .isEqualTo("{\"error\":{\"code\":\"unauthorized\",\"message\":\"missing or invalid bearer token\"}}");
    }

    @Test
    void databaseOutageIs503InTheErrorShape() {
        MockServerWebExchange exchange = run(MockServerHttpRequest.get("/api/me").header("Authorization", "Bearer abc").build());
        assertThat(passed).isFalse();
        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(exchange.getResponse().getBodyAsString().block()).contains("\"code\":\"database_unavailable\"");
    }

    @Test
    void originIsCheckedBeforeAnyLookup() {
        MockServerWebExchange exchange = run(MockServerHttpRequest.get("/ws?ticket=abc")
                .header("Origin", "http://evil.example").build());
        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }

    private MockServerWebExchange run(MockServerHttpRequest request) {
        MockServerWebExchange exchange = MockServerWebExchange.from(request);
        filter.filter(exchange, chain).block(Duration.ofSeconds(30));
        return exchange;
    }
}
