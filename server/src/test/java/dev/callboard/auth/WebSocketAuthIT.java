package dev.callboard.auth;

import dev.callboard.directory.User;
import dev.callboard.identity.CurrentUser;
import dev.callboard.identity.Role;
import dev.callboard.support.MovableClock;
import dev.callboard.support.MutableClock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The WebSocket upgrade is authenticated before it happens: by bearer header or single-use ticket,
 * after an exact Origin check. There is no {@code /ws} handler on this branch, so a success shows as
 * "neither 401 nor 403" (404 today, 101 once the gateway exists).
 */
@Import(MovableClock.class)
class WebSocketAuthIT extends AuthIntegrationTest {
    static final String ALLOWED_ORIGIN = "http://localhost:8080";

    @Autowired
    MutableClock clock;
    @Autowired
    WsTickets tickets;
    @Autowired
    AuthTokens tokens;
    @Autowired
    ExpiredCredentialsCleanup cleanup;

    @Test
    void ticketIsRandomShortLivedAndStoredHashed() {
        User user = createUser(Role.CLIENT);
        Map<?, ?> issued = ticket(login(user));
        String ticket = (String) issued.get("ticket");
        assertThat(ticket).matches("[A-Za-z0-9_-]{43}");
        assertThat(Instant.parse((String) issued.get("expiresAt")))
                .isEqualTo(clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS).plusSeconds(30));
        assertThat(jdbc.sql("SELECT user_id FROM ws_tickets WHERE ticket_hash = ?")
                .param(SecretTokens.sha256(ticket)).query(java.util.UUID.class).single()).isEqualTo(user.id());
    }

    @Test
    void ticketRequiresAToken() {
        http().post().uri("/api/realtime/ticket").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void upgradeWithoutCredentialsIs401WithJsonBody() {
        UpgradeProbe.Response response = UpgradeProbe.upgrade(port, "/ws", Map.of());
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("content-type")).startsWith("application/json");
        assertThat(response.body()).isEqualTo(
                "{\"error\":{\"code\":\"unauthorized\",\"message\":\"missing or invalid bearer token\"}}");
        assertThat(response.header("upgrade")).isNull();
    }

    @Test
    void upgradeWithBadCredentialsIs401() {
        String token = tokenFor(Role.CLIENT);
        assertThat(upgrade("/ws", bearer("garbage"))).isEqualTo(401);
        assertThat(upgrade("/ws?ticket=garbage", Map.of())).isEqualTo(401);
        assertThat(upgrade("/ws?ticket=", Map.of())).isEqualTo(401);
        // a long-lived token is never accepted in the URL, under any name
        assertThat(upgrade("/ws?access_token=" + token, Map.of())).isEqualTo(401);
        assertThat(upgrade("/ws?token=" + token, Map.of())).isEqualTo(401);
        assertThat(upgrade("/ws?ticket=" + token, Map.of())).isEqualTo(401);
    }

    @Test
    void upgradeWithValidBearerPasses() {
        String token = tokenFor(Role.CLIENT);
        assertThat(upgrade("/ws", bearer(token))).isNotIn(401, 403);
        assertThat(upgrade("/ws", Map.of("Authorization", "Bearer " + token, "Origin", ALLOWED_ORIGIN))).isNotIn(401, 403);
    }

    @Test
    void ticketWorksExactlyOnce() {
        String ticket = (String) ticket(tokenFor(Role.CLIENT)).get("ticket");
        assertThat(upgrade("/ws?ticket=" + ticket, Map.of("Origin", ALLOWED_ORIGIN))).isNotIn(401, 403);
        assertThat(upgrade("/ws?ticket=" + ticket, Map.of("Origin", ALLOWED_ORIGIN))).isEqualTo(401);
    }

    @Test
    void concurrentRedemptionsHaveOneWinner() throws Exception {
        User user = createUser(Role.CLIENT);
        String ticket = tickets.issue(sessionOf(login(user))).ticket();
        List<Callable<Optional<CurrentUser>>> attempts = new ArrayList<>();
        for (int i = 0; i < 8; i++) attempts.add(() -> tickets.redeem(ticket).map(Session::user));
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            long winners = 0;
            for (Future<Optional<CurrentUser>> f : pool.invokeAll(attempts)) {
                if (f.get().isPresent()) {
                    winners++;
                    assertThat(f.get().get()).isEqualTo(new CurrentUser(user.id(), Role.CLIENT));
                }
            }
            assertThat(winners).isEqualTo(1);
        }
    }

    @Test
    void expiredTicketIs401() {
        String ticket = (String) ticket(tokenFor(Role.CLIENT)).get("ticket");
        clock.advance(Duration.ofSeconds(30));
        assertThat(upgrade("/ws?ticket=" + ticket, Map.of())).isEqualTo(401);
    }

    @Test
    void ticketJustBeforeExpiryStillWorks() {
        String ticket = (String) ticket(tokenFor(Role.CLIENT)).get("ticket");
        clock.advance(Duration.ofSeconds(29));
        assertThat(upgrade("/ws?ticket=" + ticket, Map.of())).isNotIn(401, 403);
    }

    @Test
    void expiredTokenIs401OnRestAndWebSocket() {
        String token = tokenFor(Role.CLIENT);
        clock.advance(Duration.ofHours(12).minusSeconds(1));
        http().get().uri("/api/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange().expectStatus().isOk();
        clock.advance(Duration.ofSeconds(1));
        http().get().uri("/api/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange().expectStatus().isUnauthorized();
        assertThat(upgrade("/ws", bearer(token))).isEqualTo(401);
    }

    @Test
    void revokedTokenIs401OnWebSocket() {
        String token = tokenFor(Role.CLIENT);
        http().post().uri("/api/auth/logout").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange().expectStatus().isNoContent();
        assertThat(upgrade("/ws", bearer(token))).isEqualTo(401);
    }

    @Test
    void foreignOriginIs403BeforeAnyCredentialIsUsed() {
        String token = tokenFor(Role.CLIENT);
        String ticket = (String) ticket(token).get("ticket");
        for (String origin : List.of("http://evil.example", "http://localhost:8080.evil.example", "null",
                "https://localhost:8080", "http://localhost:8081", "http://localhost")) {
            UpgradeProbe.Response r = UpgradeProbe.upgrade(port, "/ws?ticket=" + ticket, Map.of("Origin", origin));
            assertThat(r.status()).as(origin).isEqualTo(403);
            assertThat(r.body()).contains("\"code\":\"forbidden\"");
            assertThat(upgrade("/ws", Map.of("Authorization", "Bearer " + token, "Origin", origin))).isEqualTo(403);
        }
        assertThat(upgrade("/ws", Map.of("Origin", "http://evil.example"))).isEqualTo(403);
        // the refused attempts did not use up the ticket
        assertThat(upgrade("/ws?ticket=" + ticket, Map.of("Origin", "http://127.0.0.1:8080"))).isNotIn(401, 403);
    }

    @Test
    void aPageServedByThisServerMayAlwaysConnect() {
        String token = tokenFor(Role.CLIENT);
        String self = "http://127.0.0.1:" + port; // the Host the probe sends; not in the configured allowlist
        assertThat(upgrade("/ws", Map.of("Authorization", "Bearer " + token, "Origin", self))).isNotIn(401, 403);
        assertThat(upgrade("/ws", Map.of("Authorization", "Bearer " + token, "Origin", "http://127.0.0.1:" + (port + 1))))
                .isEqualTo(403);
    }

    @Test
    void cleanupDeletesOnlyExpiredTokensAndTickets() {
        User user = createUser(Role.CLIENT);
        String oldToken = login(user);
        tickets.issue(sessionOf(oldToken));
        clock.advance(Duration.ofHours(13));
        String freshToken = login(user);
        String freshTicket = tickets.issue(sessionOf(freshToken)).ticket();

        cleanup.run();

        assertThat(jdbc.sql("SELECT count(*) FROM auth_tokens WHERE token_hash = ?")
                .param(SecretTokens.sha256(oldToken)).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM ws_tickets WHERE expires_at <= ?")
                .param(AuthTokens.utc(clock.instant())).query(Long.class).single()).isZero();
        http().get().uri("/api/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + freshToken).exchange().expectStatus().isOk();
        assertThat(tickets.redeem(freshTicket)).isPresent();
    }

    private Session sessionOf(String token) {
        return tokens.authenticate(token).orElseThrow();
    }

    private Map<?, ?> ticket(String token) {
        return http().post().uri("/api/realtime/ticket").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
    }

    private int upgrade(String pathAndQuery, Map<String, String> headers) {
        return UpgradeProbe.upgrade(port, pathAndQuery, headers).status();
    }

    private static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }
}
