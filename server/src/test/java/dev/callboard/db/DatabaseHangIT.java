package dev.callboard.db;

import dev.callboard.CallboardApplication;
import dev.callboard.client.CallboardClient;
import dev.callboard.client.CallboardSession;
import dev.callboard.client.SessionOptions;
import dev.callboard.support.FreezableProxy;
import dev.callboard.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * PostgreSQL stops answering (a real server behind a proxy that lets nothing through; the
 * connections stay open): requests get 503 {@code database_unavailable} after about 2 s instead
 * of hanging for 30 (the next ones at once), readiness goes DOWN while liveness stays UP, and everything recovers by
 * itself once the database answers again.
 */
@SpringBootTest(classes = CallboardApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"callboard.demo.enabled=false", "callboard.database.pool-size=4", "server.shutdown=immediate",
                "callboard.auth.admin-email=root@hang.test", "callboard.auth.admin-password=root-password-1"})
@ExtendWith(OutputCaptureExtension.class)
@DirtiesContext // its database sits behind this class's proxy: no other test may get this server
class DatabaseHangIT {
    private static FreezableProxy proxy;
    private static JdbcClient direct;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void databaseBehindAProxy(DynamicPropertyRegistry registry) throws IOException {
        String url = TestDatabase.createDatabase();
        direct = JdbcClient.create(new DriverManagerDataSource(url));
        Matcher m = Pattern.compile("jdbc:postgresql://([^:/]+):(\\d+)/(.*)").matcher(url);
        if (!m.matches()) throw new IllegalStateException("unexpected test database URL " + url);
        proxy = new FreezableProxy(m.group(1), Integer.parseInt(m.group(2)));
        String proxied = "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + m.group(3);
        registry.add("callboard.database.url", () -> proxied);
    }

    @Test
    void aPresenceChangeDuringAnOutageIsStoredOnceTheDatabaseAnswersAndTheSweepersStayQuiet(CapturedOutput output) {
        CallboardClient root = CallboardClient.login(URI.create("http://127.0.0.1:" + port), "root@hang.test", "root-password-1");
        UUID me = root.me().id();
        CallboardSession desk = root.connect(SessionOptions.builder().deviceId("desk").build()).orTimeout(10, TimeUnit.SECONDS).join();
        await().atMost(Duration.ofSeconds(10)).until(() -> "available".equals(storedStatus(me)));

        proxy.freeze();
        try {
            desk.bye().join(); // offline now, for everybody watching; the row cannot be written yet
            desk.closed().orTimeout(10, TimeUnit.SECONDS).join();
            await().atMost(Duration.ofSeconds(15)).until(() -> output.getAll().contains("presence rows")
                    && output.getAll().contains("sweep failed"));
            // the write-behind goes on trying (every 500 ms plus the 2 s timeout), without a line each time
            await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(5))
                    .until(() -> occurrences(output, "Storing presence rows failed") <= 1);
        } finally {
            proxy.thaw();
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> "offline".equals(storedStatus(me)));
        // (the pool itself logs each connection it has to drop, with the driver's trace: that is its own)
        assertThat(output.getAll()).as("no job logged the outage as a bug").doesNotContain("failed; will retry")
                .doesNotContain("Unexpected error occurred in scheduled task");
        assertThat(occurrences(output, "The ring-timeout sweep failed")).as("one WARN line per outage, not one per attempt").isEqualTo(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> output.getAll().contains("Storing presence rows works again"));
    }

    private static int occurrences(CapturedOutput output, String text) {
        return output.getAll().split(Pattern.quote(text), -1).length - 1;
    }

    private static String storedStatus(UUID user) {
        return direct.sql("SELECT status FROM user_presence WHERE user_id = ?").param(user).query(String.class).optional().orElse(null);
    }

    @Test
    void aHungDatabaseGives503QuicklyAndEverythingRecovers() {
        WebTestClient http = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(20)).build();
        Map<?, ?> login = http.post().uri("/api/auth/login")
                .bodyValue(Map.of("email", "root@hang.test", "password", "root-password-1"))
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        String bearer = "Bearer " + login.get("token");

        proxy.freeze();
        try {
            long start = System.nanoTime();
            http.get().uri("/api/me").header(HttpHeaders.AUTHORIZATION, bearer).exchange()
                    .expectStatus().isEqualTo(503)
                    .expectBody().jsonPath("$.error.code").isEqualTo("database_unavailable");
            long first = (System.nanoTime() - start) / 1_000_000;
            long again = System.nanoTime();
            // the next request does not queue behind the hung one: the gate knows the database is down
            http.get().uri("/api/me").header(HttpHeaders.AUTHORIZATION, bearer).exchange()
                    .expectStatus().isEqualTo(503)
                    .expectBody().jsonPath("$.error.code").isEqualTo("database_unavailable");
            System.out.printf("hung database → 503 database_unavailable after %d ms, the next request after %d ms%n",
                    first, (System.nanoTime() - again) / 1_000_000);
            http.get().uri("/actuator/health/readiness").exchange().expectStatus().isEqualTo(503);
            http.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
        } finally {
            proxy.thaw();
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            http.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
            http.get().uri("/api/me").header(HttpHeaders.AUTHORIZATION, bearer).exchange().expectStatus().isOk();
        });
    }
}
