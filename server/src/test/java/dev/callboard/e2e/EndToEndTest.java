package dev.callboard.e2e;

import dev.callboard.client.CallboardClient;
import dev.callboard.client.CallboardSession;
import dev.callboard.client.NewUser;
import dev.callboard.client.Role;
import dev.callboard.client.SessionOptions;
import dev.callboard.client.User;
import dev.callboard.support.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Value;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Base for end-to-end tests: the real server on a random port, driven over real sockets with the
 * Java client SDK. Users are created through the admin API, as an operator would.
 */
public abstract class EndToEndTest extends IntegrationTest {
    protected static final Duration WITHIN_A_SECOND = Duration.ofSeconds(1);
    protected static final Duration SOON = Duration.ofSeconds(5);
    protected static final String PASSWORD = "correct horse battery";

    @Value("${local.server.port}")
    protected int port;
    @Value("${callboard.auth.admin-email}")
    String rootEmail;
    @Value("${callboard.auth.admin-password}")
    String rootPassword;

    private final List<CallboardSession> sessions = new ArrayList<>();

    protected URI baseUri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    protected CallboardClient root() {
        return CallboardClient.login(baseUri(), rootEmail, rootPassword);
    }

    /** A new user of that role, logged in. */
    protected CallboardClient newUser(Role role, String name) {
        String email = name.toLowerCase().replace(' ', '.') + "-" + UUID.randomUUID().toString().substring(0, 8) + "@e2e.test";
        root().createUser(new NewUser(email, name, role, PASSWORD, null));
        return CallboardClient.login(baseUri(), email, PASSWORD);
    }

    protected CallboardSession connect(CallboardClient client) {
        return connect(client, SessionOptions.builder().build());
    }

    protected CallboardSession connect(CallboardClient client, SessionOptions options) {
        CallboardSession s = client.connect(options).orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).join();
        sessions.add(s);
        return s;
    }

    protected static UUID id(CallboardClient c) {
        return c.me().id();
    }

    protected static User me(CallboardClient c) {
        return c.me();
    }

    @AfterEach
    void closeSessions() {
        for (CallboardSession s : sessions) s.closeAbruptly();
        sessions.clear();
    }
}
