package dev.callboard.e2e;

import dev.callboard.client.CallboardClient;
import dev.callboard.client.ManualStatus;
import dev.callboard.client.PresenceStatus;
import dev.callboard.client.PresenceUpdate;
import dev.callboard.client.Role;
import io.netty.channel.ChannelOption;
import org.junit.jupiter.api.Test;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.TestPropertySource;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A watcher that stops reading must be cut off, not buffered without bound. The watcher here is a
 * raw socket that completes the WebSocket handshake and then never reads, with a tiny receive
 * window so the server's socket buffers fill quickly.
 */
@TestPropertySource(properties = {
        "callboard.auth.admin-email=root@e2e.test", "callboard.auth.admin-password=root-password-1",
        "callboard.realtime.outbound-queue-limit=16"})
class SlowConsumerIT extends EndToEndTest {

    /** Small fixed socket send buffers (no autotuning up to 4 MiB), so unread events reach the queue quickly. */
    @TestConfiguration
    static class SmallSocketBuffers {
        @Bean
        NettyServerCustomizer smallSendBuffer() {
            return server -> server.childOption(ChannelOption.SO_SNDBUF, 8192);
        }
    }

    @Test
    void aWatcherThatStopsReadingIsDisconnectedWithPolicyViolation() throws Exception {
        CallboardClient busyAdmin = newUser(Role.ADMIN, "Ada");
        CallboardClient slow = newUser(Role.CLIENT, "Sloth");

        try (Socket socket = new Socket()) {
            socket.setReceiveBufferSize(1024);
            socket.connect(new InetSocketAddress("127.0.0.1", port));
            handshake(socket, slow.token());

            // Each change of an admin goes to every client; none of it is read.
            String longMessage = "x".repeat(270);
            int changes = 0;
            java.util.UUID slowId = id(slow);
            while (changes < 2000 && (changes % 20 != 0 || busyAdmin.presence(slowId).status() != PresenceStatus.OFFLINE)) {
                busyAdmin.setPresence(PresenceUpdate.status(changes % 2 == 0 ? ManualStatus.BUSY : ManualStatus.AWAY)
                        .withMessage(longMessage + changes));
                changes++;
            }
            assertThat(changes).as("cut off (and shown offline) long before 2000 unread events").isLessThan(2000);

            byte[] rest = socket.getInputStream().readAllBytes(); // now drain: the last frame is the close
            int closeAt = lastCloseFrame(rest);
            assertThat(closeAt).as("a close frame was sent").isNotNegative();
            int code = ((rest[closeAt + 2] & 0xff) << 8) | (rest[closeAt + 3] & 0xff);
            assertThat(code).isEqualTo(1008);
            assertThat(new String(rest, closeAt + 4, rest[closeAt + 1] - 2, StandardCharsets.UTF_8))
                    .isEqualTo("outbound queue overflow");
        }
    }

    private static void handshake(Socket socket, String token) throws Exception {
        String key = Base64.getEncoder().encodeToString("slow-consumer-key".getBytes(StandardCharsets.US_ASCII)).substring(0, 22) + "==";
        OutputStream out = socket.getOutputStream();
        out.write(("GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n"
                + "Authorization: Bearer " + token + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) head.write(in.read());
        assertThat(head.toString(StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 101");
    }

    /** Index of the last unmasked close frame (opcode 0x8) in a stream of server frames, or -1. */
    private static int lastCloseFrame(byte[] frames) {
        int i = 0, last = -1;
        while (i + 2 <= frames.length) {
            int opcode = frames[i] & 0x0f;
            long len = frames[i + 1] & 0x7f;
            int header = 2;
            if (len == 126) {
                if (i + 4 > frames.length) break;
                len = ((frames[i + 2] & 0xff) << 8) | (frames[i + 3] & 0xff);
                header = 4;
            } else if (len == 127) {
                if (i + 10 > frames.length) break;
                len = 0;
                for (int b = 2; b < 10; b++) len = (len << 8) | (frames[i + b] & 0xff);
                header = 10;
            }
            if (opcode == 0x8) last = i;
            i += header + (int) len;
        }
        return last;
    }
}
