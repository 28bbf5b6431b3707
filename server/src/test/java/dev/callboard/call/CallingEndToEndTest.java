package dev.callboard.call;

import dev.callboard.client.CallboardClient;
import dev.callboard.client.CallboardSession;
import dev.callboard.client.SessionOptions;
import dev.callboard.directory.User;
import org.junit.jupiter.api.AfterEach;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** {@link CallingIntegrationTest} plus the Java SDK: logged-in clients and WebSocket sessions per device. */
public abstract class CallingEndToEndTest extends CallingIntegrationTest {
    private final List<CallboardSession> sessions = new ArrayList<>();

    @AfterEach
    void closeSessions() {
        sessions.forEach(CallboardSession::closeAbruptly);
        sessions.clear();
    }

    protected CallboardClient client(User user) {
        return CallboardClient.create(URI.create("http://127.0.0.1:" + port)).withToken(login(user));
    }

    /** A connected device of this user, with its hello received. */
    protected CallboardSession connect(CallboardClient client, String deviceId) throws Exception {
        CallboardSession session = client.connect(SessionOptions.builder().deviceId(deviceId).build())
                .get(10, TimeUnit.SECONDS);
        sessions.add(session);
        return session;
    }
}
