package dev.callboard.webhook;

import dev.callboard.client.CallboardClient;
import dev.callboard.client.NewUser;
import dev.callboard.client.Role;
import dev.callboard.support.ApiAnswer;
import dev.callboard.support.ServerProcess;
import dev.callboard.support.WebhookReceiver;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A node killed (SIGKILL, its own JVM) after a change committed and before its webhook went out: the
 * event is in the outbox, and the node that starts next sends it.
 */
class WebhookCrashIT {
    @Test
    void anEventCommittedBeforeAKillIsSentAfterTheRestart() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            ServerProcess server = ServerProcess.inNewDirectory("webhook-crash-it");
            // this node never gets round to sending: its dispatcher waits an hour between rounds
            Process first = server.start("--callboard.webhooks.poll-interval=PT1H");
            UUID created;
            try {
                CallboardClient admin = CallboardClient.login(server.uri(), "admin@callboard.local", "callboard-demo");
                ApiAnswer endpoint = ApiAnswer.send(admin.token(), HttpRequest.newBuilder(server.uri().resolve("/api/webhooks"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"url\":\"" + receiver.url() + "\",\"eventTypes\":[\"user.created\"]}")));
                assertThat(endpoint.status()).isEqualTo(201);
                created = admin.createUser(new NewUser("kim@crash.test", "Kim", Role.CLIENT, "correct horse battery", null)).id();
                long postmaster = Long.parseLong(Files.readAllLines(server.data().resolve("postmaster.pid")).get(0).strip());
                first.destroyForcibly(); // SIGKILL, right after the commit
                first.waitFor();
                await().atMost(Duration.ofSeconds(30)).until(() -> ProcessHandle.of(postmaster).map(p -> !p.isAlive()).orElse(true));
            } finally {
                first.destroyForcibly();
            }
            assertThat(receiver.received()).as("nothing was sent before the kill").isEmpty();

            Process second = server.start();
            try {
                await().atMost(Duration.ofSeconds(30)).until(() -> !receiver.received().isEmpty());
                assertThat(receiver.received()).hasSize(1);
                assertThat(receiver.received().getFirst().body()).contains("\"user.created\"").contains(created.toString());
            } finally {
                second.destroy();
                second.waitFor();
            }
        }
    }
}
