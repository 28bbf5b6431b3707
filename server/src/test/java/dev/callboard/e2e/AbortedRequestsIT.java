package dev.callboard.e2e;

import dev.callboard.client.CallboardClient;
import dev.callboard.client.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Clients that reset their connection in the middle of a request: right after the WebSocket 101
 * (while the server builds hello from PostgreSQL), or while an authenticated request is being
 * looked up. None of it may break a pooled database connection or log a stack trace.
 */
@SharedServer
@ExtendWith(OutputCaptureExtension.class)
class AbortedRequestsIT extends EndToEndTest {
    private static final int ROUNDS = 100;

    @Test
    void resetsMidRequestBreakNoPooledConnection(CapturedOutput output) throws IOException {
        CallboardClient ada = newUser(Role.ADMIN, "Ada");
        String upgrade = "GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n"
                + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Authorization: Bearer " + ada.token() + "\r\n\r\n";
        String directory = "GET /api/directory HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + ada.token() + "\r\n\r\n";
        String unknownToken = "GET /api/me HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer not-a-token\r\n\r\n";
        for (int i = 0; i < ROUNDS; i++) {
            sendAndReset(upgrade, true);
            sendAndReset(directory, false);
            sendAndReset(unknownToken, false);
        }

        // Everything aborted has finished on the server once the pool serves a burst of requests again.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            for (int i = 0; i < 20; i++) assertThat(ada.me().id()).isNotNull();
        });
        assertThat(output.getAll()).as("no pooled connection broken").doesNotContain("marked as broken");
        assertThat(output.getAll()).as("no stack trace").doesNotContain("\tat ");
    }

    /** Sends the request, optionally waits for the response line (the 101), then resets the connection (RST). */
    private void sendAndReset(String request, boolean awaitResponseLine) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoLinger(true, 0);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            if (awaitResponseLine) {
                InputStream in = socket.getInputStream();
                while (in.read() != '\n') {
                    // the status line
                }
            }
        }
    }
}
