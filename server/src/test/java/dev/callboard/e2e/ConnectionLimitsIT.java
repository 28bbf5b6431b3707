package dev.callboard.e2e;

import dev.callboard.client.CallboardClient;
import dev.callboard.client.CallboardSession;
import dev.callboard.client.Event;
import dev.callboard.client.Role;
import dev.callboard.client.SessionOptions;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import java.io.InputStream;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What one user, or one silent client, may hold of a node. */
@TestPropertySource(properties = {
        "callboard.auth.admin-email=root@limits.test", "callboard.auth.admin-password=root-password-1",
        "callboard.realtime.max-sockets-per-user=3", "callboard.realtime.user-messages-per-second=5",
        "server.netty.idle-timeout=1s"})
class ConnectionLimitsIT extends EndToEndTest {

    @Test
    void aUsersOldestSocketGivesWayToANewOneBeyondTheCap() {
        CallboardClient ada = newUser(Role.ADMIN, "Ada");
        List<CallboardSession> sockets = new ArrayList<>();
        for (int i = 0; i < 3; i++) sockets.add(connect(ada, SessionOptions.builder().deviceId("d" + i).build()));
        CallboardSession fourth = connect(ada, SessionOptions.builder().deviceId("d3").build());

        assertThat(sockets.getFirst().closed().orTimeout(5, TimeUnit.SECONDS).join().code()).isEqualTo(4002);
        assertThat(sockets.subList(1, 3)).allMatch(CallboardSession::isOpen);
        assertThat(fourth.isOpen()).isTrue();
    }

    @Test
    void allOfAUsersSocketsShareOneMessageBudget() {
        CallboardClient cleo = newUser(Role.CLIENT, "Cleo");
        List<CallboardSession> sockets = new ArrayList<>();
        for (int i = 0; i < 3; i++) sockets.add(connect(cleo, SessionOptions.builder().deviceId("d" + i).build()));
        // 30 messages at once: each socket alone is far inside its own 60-message burst, together they are not.
        for (int i = 0; i < 30; i++) {
            sockets.get(i % 3).sendRaw("{\"type\":\"heartbeat\",\"id\":\"b" + i + "\",\"data\":{\"idleMs\":0}}").join();
        }
        // Every one is answered, with an ack or with rate_limited.
        await().atMost(SOON).until(() -> sockets.stream().mapToLong(s -> s.recentEvents().stream()
                .filter(e -> e instanceof Event.Ack a && a.id().startsWith("b")
                        || e instanceof Event.ServerError err && err.id() != null && err.id().startsWith("b")).count()).sum() == 30);
        long refused = sockets.stream().mapToLong(s -> s.recentEvents().stream()
                .filter(e -> e instanceof Event.ServerError err && "rate_limited".equals(err.code())).count()).sum();
        assertThat(refused).as("refused beyond the shared burst of 10").isGreaterThanOrEqualTo(15);
        assertThat(sockets).as("refused, not closed").allMatch(CallboardSession::isOpen);
    }

    @Test
    void aConnectionThatNeverSendsARequestIsClosed() throws Exception {
        try (Socket silent = new Socket("127.0.0.1", port)) {
            silent.setSoTimeout(15_000);
            InputStream in = silent.getInputStream();
            assertThat(in.read()).as("closed by the server, not by our read timeout").isEqualTo(-1);
        }
    }
}
