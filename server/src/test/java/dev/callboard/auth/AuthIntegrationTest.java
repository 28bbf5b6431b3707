package dev.callboard.auth;

import dev.callboard.directory.PasswordHasher;
import dev.callboard.directory.User;
import dev.callboard.directory.UserRepository;
import dev.callboard.identity.Role;
import dev.callboard.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/** {@link IntegrationTest} plus helpers to create accounts and log in over real HTTP. */
public abstract class AuthIntegrationTest extends IntegrationTest {
    public static final String PASSWORD = "correct horse battery";
    /** Hashing costs ~50 ms; tests create many users, so they share one hash of {@link #PASSWORD}. */
    private static String passwordHash;

    @LocalServerPort
    protected int port;
    @Autowired
    protected UserRepository users;
    @Autowired
    protected PasswordHasher hasher;
    @Autowired
    protected JdbcClient jdbc;

    protected long userCount() {
        return jdbc.sql("SELECT count(*) FROM users").query(Long.class).single();
    }

    protected WebTestClient http() {
        return WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(30))
                .build();
    }

    protected User createUser(Role role) {
        return createUser(role, "u-" + UUID.randomUUID() + "@example.com");
    }

    protected User createUser(Role role, String email) {
        synchronized (AuthIntegrationTest.class) {
            if (passwordHash == null) passwordHash = hasher.hash(PASSWORD);
        }
        return users.create(email, "User " + email.substring(0, 10), role, null, passwordHash);
    }

    protected String login(User user) {
        return login(user.email(), PASSWORD);
    }

    @SuppressWarnings("unchecked")
    protected String login(String email, String password) {
        Map<String, Object> body = http().post().uri("/api/auth/login")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", email, "password", password))
                .exchange()
                .expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        return (String) body.get("token");
    }

    protected String tokenFor(Role role) {
        return login(createUser(role));
    }
}
