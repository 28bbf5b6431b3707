package dev.callboard.db;

import dev.callboard.CallboardApplication;
import dev.callboard.support.FreezableProxy;
import dev.callboard.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;

/**
 * PostgreSQL stops answering (a real server behind a proxy that lets nothing through; the
 * connections stay open): requests get 503 {@code database_unavailable} after the pool's 2 s instead
 * of hanging for 30, readiness goes DOWN while liveness stays UP, and everything recovers by
 * itself once the database answers again.
 */
@SpringBootTest(classes = CallboardApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"callboard.demo.enabled=false", "callboard.database.pool-size=4", "server.shutdown=immediate",
                "callboard.auth.admin-email=root@hang.test", "callboard.auth.admin-password=root-password-1"})
@DirtiesContext // its database sits behind this class's proxy: no other test may get this server
class DatabaseHangIT {
    private static FreezableProxy proxy;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void databaseBehindAProxy(DynamicPropertyRegistry registry) throws IOException {
        String url = TestDatabase.createDatabase();
        Matcher m = Pattern.compile("jdbc:postgresql://([^:/]+):(\\d+)/(.*)").matcher(url);
        if (!m.matches()) throw new IllegalStateException("unexpected test database URL " + url);
        proxy = new FreezableProxy(m.group(1), Integer.parseInt(m.group(2)));
        String proxied = "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + m.group(3);
        registry.add("callboard.database.url", () -> proxied);
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
            System.out.printf("hung database → 503 database_unavailable after %d ms%n", (System.nanoTime() - start) / 1_000_000);
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
