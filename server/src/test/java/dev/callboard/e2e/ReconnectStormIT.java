package dev.callboard.e2e;

import dev.callboard.auth.AuthTokens;
import dev.callboard.directory.User;
import dev.callboard.directory.UserRepository;
import dev.callboard.identity.Role;
import dev.callboard.support.RawWebSocket;
import dev.callboard.support.RawWebSocket.Frame;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A reconnect storm, as after a node goes away: 2,000 sockets (1,000 users, one in ten an admin, two
 * devices each) open at once under the default limits. Each admin gets an event for every user who
 * comes online, more than his queue holds while his hello is being built. Every socket must get its
 * hello and stay open: nobody is closed before hello, and every socket answers afterwards.
 */
@TestPropertySource(properties = {
        "callboard.auth.admin-email=root@storm.test", "callboard.auth.admin-password=root-password-1",
        "callboard.database.pool-size=16"}) // the default, not the small pool of the other tests
// a configuration of its own: closed afterwards, so its pool does not count against a shared PostgreSQL
@DirtiesContext
class ReconnectStormIT extends EndToEndTest {
    private static final int USERS = 1_000;
    private static final int DEVICES = 2;
    private static final int ADMIN_EVERY = 10;
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Autowired
    UserRepository users;
    @Autowired
    AuthTokens tokens;

    @Test
    void twoThousandSocketsAtOnceAllGetHelloAndStayOpen() {
        long setup = System.nanoTime();
        List<Device> devices = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            // straight into the directory: 1,000 password hashes would take longer than the storm
            User user = users.create("storm-" + i + "@storm.test", "Storm " + i,
                    i % ADMIN_EVERY == 0 ? Role.ADMIN : Role.CLIENT, null, "never-used");
            String token = tokens.issue(user.id()).token();
            for (int d = 0; d < DEVICES; d++) devices.add(new Device(port, token, "/ws?deviceId=device-" + d));
        }

        System.out.printf("storm: %d users in %.2f s%n", USERS, (System.nanoTime() - setup) / 1e9);
        long start = System.nanoTime();
        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
        try {
            devices.forEach(device -> threads.submit(device::run));
            await().atMost(PATIENCE).until(() -> devices.stream().allMatch(d -> d.hello || d.ended()));
            System.out.printf("storm: %d sockets upgraded and greeted in %.2f s%n", devices.size(), (System.nanoTime() - start) / 1e9);
            assertThat(devices).as("closed before or right after hello").noneMatch(Device::ended);

            devices.forEach(Device::probe);
            await().atMost(PATIENCE).until(() -> devices.stream().allMatch(d -> d.answered || d.ended()));
            assertThat(devices).as("closed during the storm").noneMatch(Device::ended);
            assertThat(devices).allMatch(d -> d.answered);
        } finally {
            devices.forEach(Device::stop);
            threads.close();
        }
    }

    /** One socket, read on its own thread for as long as the test runs. */
    private static final class Device {
        private final int port;
        private final String token;
        private final String path;
        private volatile RawWebSocket socket;
        private volatile boolean stopped;
        volatile boolean hello;
        volatile boolean answered;
        volatile String endedBy;

        Device(int port, String token, String path) {
            this.port = port;
            this.token = token;
            this.path = path;
        }

        void run() {
            try {
                socket = RawWebSocket.open(port, token, path);
                while (!stopped) {
                    Frame frame = read();
                    if (frame == null) {
                        if (!stopped) endedBy = "the socket ended";
                        return;
                    }
                    if (frame.opcode() == Frame.CLOSE) {
                        endedBy = "close " + frame.closeCode() + (hello ? " after hello" : " before hello");
                        return;
                    }
                    String text = frame.text();
                    if (text.startsWith("{\"type\":\"hello\"")) hello = true;
                    if (text.contains("\"id\":\"still-there\"")) answered = true;
                }
            } catch (RuntimeException e) {
                if (!stopped) endedBy = e.toString();
            }
        }

        /** The next frame; a quiet spell longer than the socket's read timeout is not an end. */
        private Frame read() {
            while (true) {
                try {
                    return socket.readFrame();
                } catch (AssertionError quiet) {
                    if (stopped) return null;
                }
            }
        }

        boolean ended() {
            return endedBy != null;
        }

        void probe() {
            socket.sendText("{\"type\":\"heartbeat\",\"id\":\"still-there\"}");
        }

        void stop() {
            stopped = true;
            if (socket != null) socket.close();
        }

        @Override
        public String toString() {
            return path + (endedBy == null ? "" : ": " + endedBy);
        }
    }
}
