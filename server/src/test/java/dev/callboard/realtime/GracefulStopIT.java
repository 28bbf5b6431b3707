package dev.callboard.realtime;

import dev.callboard.client.CallboardClient;
import dev.callboard.client.CallboardSession;
import dev.callboard.client.CloseStatus;
import dev.callboard.client.Presence;
import dev.callboard.client.PresenceStatus;
import dev.callboard.client.SessionOptions;
import dev.callboard.support.ServerProcess;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGTERM on a separate OS process with many open sockets: every socket is closed at once with
 * 1001 (not after the web server's 30 s graceful wait, not with 1006), the process is gone soon
 * after, and the presence it announced (everyone offline, with a last-seen time) is in PostgreSQL
 * when it starts again: the database stopped last, after the write-behind had flushed.
 */
class GracefulStopIT {
    private static final int SOCKETS_PER_USER = 250; // 1,000 sockets in all
    private static final List<String> USERS = List.of("admin", "alice", "bob", "carol");

    @Test
    void sigtermClosesEverySocketWith1001AndLosesNoPresence() throws Exception {
        ServerProcess server = ServerProcess.inNewDirectory("graceful-stop-it");
        Process process = server.start("--callboard.realtime.max-sockets-per-user=" + SOCKETS_PER_USER);
        Map<String, UUID> ids = new java.util.HashMap<>();
        List<CallboardSession> sockets = new ArrayList<>();
        Instant beforeStop;
        try {
            for (String user : USERS) {
                CallboardClient api = CallboardClient.login(server.uri(), user + "@callboard.local", "callboard-demo");
                ids.put(user, api.me().id());
                for (int i = 0; i < SOCKETS_PER_USER; i++) {
                    sockets.add(api.connect(SessionOptions.builder().deviceId(user + "-" + i).build())
                            .orTimeout(10, TimeUnit.SECONDS).join());
                }
            }
            beforeStop = Instant.now();
            long sent = System.nanoTime();
            process.destroy(); // SIGTERM

            for (CallboardSession socket : sockets) {
                CloseStatus status = socket.closed().orTimeout(10, TimeUnit.SECONDS).join();
                assertThat(status.code()).isEqualTo(1001);
            }
            long closedMillis = (System.nanoTime() - sent) / 1_000_000;
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("the process ends").isTrue();
            long exitedMillis = (System.nanoTime() - sent) / 1_000_000;
            System.out.printf("SIGTERM with %d sockets: all closed (1001) after %d ms, process gone after %d ms%n",
                    sockets.size(), closedMillis, exitedMillis);
        } finally {
            sockets.forEach(CallboardSession::closeAbruptly);
            process.destroyForcibly();
        }

        Process again = server.start();
        try {
            CallboardClient admin = CallboardClient.login(server.uri(), "admin@callboard.local", "callboard-demo");
            for (String user : USERS.subList(1, USERS.size())) {
                Presence presence = admin.presence(ids.get(user));
                assertThat(presence.status()).isEqualTo(PresenceStatus.OFFLINE);
                assertThat(presence.lastSeenAt()).as(user + "'s last-seen time was stored before the database stopped")
                        .isNotNull().isAfterOrEqualTo(beforeStop.minusSeconds(1));
            }
        } finally {
            again.destroy();
            again.waitFor();
        }
    }
}
