package dev.callboard.e2e;

import dev.callboard.CallboardApplication;
import dev.callboard.client.CallboardClient;
import dev.callboard.client.CallboardSession;
import dev.callboard.client.Event;
import dev.callboard.client.ManualStatus;
import dev.callboard.client.NewUser;
import dev.callboard.client.Presence;
import dev.callboard.client.PresenceStatus;
import dev.callboard.client.PresenceUpdate;
import dev.callboard.client.Role;
import dev.callboard.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Stopping the server and starting it again on the same database keeps what users chose and when they were last seen. */
class PresenceRestartIT {
    private static final String ROOT = "root@restart.test";
    private static final String ROOT_PASSWORD = "root-password-1";

    private static ConfigurableApplicationContext start(String databaseUrl) {
        return new SpringApplicationBuilder(CallboardApplication.class).run(
                "--server.port=0", "--callboard.database.url=" + databaseUrl, "--callboard.demo.enabled=false",
                "--callboard.database.pool-size=4",
                "--callboard.auth.admin-email=" + ROOT, "--callboard.auth.admin-password=" + ROOT_PASSWORD);
    }

    private static URI uri(ConfigurableApplicationContext app) {
        return URI.create("http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port"));
    }

    @Test
    void manualStatusMessageAndLastSeenSurviveARestart() {
        String db = TestDatabase.createDatabase();
        UUID clientId;
        Presence before;
        try (ConfigurableApplicationContext first = start(db)) {
            CallboardClient root = CallboardClient.login(uri(first), ROOT, ROOT_PASSWORD);
            clientId = root.createUser(new NewUser("cleo@restart.test", "Cleo", Role.CLIENT, "cleo-password")).id();
            CallboardClient cleo = CallboardClient.login(uri(first), "cleo@restart.test", "cleo-password");
            CallboardSession session = cleo.connect().join();
            session.setPresence(PresenceUpdate.status(ManualStatus.DO_NOT_DISTURB).forDuration(Duration.ofHours(3))
                    .withMessage("Back on Monday")).join();
            CallboardSession watcher = root.connect().join();
            session.bye().join();
            watcher.awaitEvent(Event.PresenceChanged.class,
                    e -> e.presence().userId().equals(clientId) && e.presence().status() == PresenceStatus.OFFLINE,
                    Duration.ofSeconds(5));
            before = root.presence(clientId);
            assertThat(before.lastSeenAt()).isNotNull();
            watcher.close();
        }

        try (ConfigurableApplicationContext second = start(db)) {
            CallboardClient root = CallboardClient.login(uri(second), ROOT, ROOT_PASSWORD);
            CallboardClient cleo = CallboardClient.login(uri(second), "cleo@restart.test", "cleo-password");
            Presence after = root.presence(clientId);
            assertThat(after.status()).isEqualTo(PresenceStatus.OFFLINE);
            assertThat(after.lastSeenAt()).isEqualTo(before.lastSeenAt());
            assertThat(after.message()).isEqualTo("Back on Monday");
            assertThat(cleo.presence(clientId).manualStatus()).isEqualTo(ManualStatus.DO_NOT_DISTURB);

            CallboardSession back = cleo.connect().join();
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> root.presence(clientId).status() == PresenceStatus.DO_NOT_DISTURB);
            back.close();
        }
    }
}
