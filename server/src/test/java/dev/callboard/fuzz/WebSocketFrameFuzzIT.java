package dev.callboard.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.callboard.client.Role;
import dev.callboard.e2e.EndToEndTest;
import dev.callboard.support.LoggedProblems;
import dev.callboard.support.RawWebSocket;
import dev.callboard.support.RawWebSocket.Frame;
import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Frames a client could send on {@code /ws}, made up by Jazzer, through the real frame decoder and
 * dispatcher of a running server. After each one a probe heartbeat must be acknowledged, or the
 * server must have closed the socket with a close frame the input explains (1000 after {@code bye},
 * 1002 a protocol violation, 1003 a binary frame, 1007 not UTF-8). A socket that just ends, an {@code internal} error or
 * anything logged at ERROR or with a stack trace is a finding. The seeds live in
 * {@code src/test/resources/dev/callboard/fuzz/WebSocketFrameFuzzITInputs/}; the build fuzzes for a
 * short while (docs/testing.md says how to fuzz longer).
 */
@TestPropertySource(properties = {
        "callboard.auth.admin-email=root@fuzz.test", "callboard.auth.admin-password=root-password-1",
        // the fuzzer sends thousands of frames a second; the flood limits are tested elsewhere
        "callboard.realtime.messages-per-second=1000000", "callboard.realtime.message-burst=1000000",
        "callboard.realtime.user-messages-per-second=1000000"})
class WebSocketFrameFuzzIT extends EndToEndTest {
    private static final int FIN_TEXT = RawWebSocket.FIN | RawWebSocket.TEXT;
    private static final Set<Integer> PROTOCOL_CLOSES = Set.of(1002, 1007, 1009);
    private static final Set<String> SERVER_FAULTS = Set.of("internal", "database_unavailable");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static String token;
    private static RawWebSocket socket;
    private static long probes;

    @FuzzTest(maxDuration = "30s")
    @DictionaryEntries({"\"type\"", "\"id\"", "\"data\"", "\"heartbeat\"", "\"presence.set\"", "\"bye\"", "\"session.refresh\"", "\"token\"",
            "\"call.signal\"", "\"idleMs\"", "\"lastInputAt\"", "\"focused\"", "\"status\"", "\"message\"",
            "\"expiresAt\"", "\"callId\"", "\"sdp\"", "\"candidate\"", "\"available\"", "\"busy\"",
            "\"do_not_disturb\"", "\"be_right_back\"", "\"appear_offline\"", "\"away\"", "\"\\u0000\"",
            "1e400", "9.3e18", "-1", "null", "true", "{}", "[]"})
    void frames(FuzzedDataProvider data) {
        LoggedProblems problems = FuzzSetup.loopbackAndLog();
        if (socket == null) socket = RawWebSocket.open(port, token());
        boolean textFrame = data.consumeBoolean();
        int firstByte = textFrame ? FIN_TEXT : data.consumeInt(0, 255);
        byte[] payload = textFrame ? data.consumeRemainingAsString().getBytes(StandardCharsets.UTF_8) : data.consumeRemainingAsBytes();
        if (payload.length > 0xffff) payload = Arrays.copyOf(payload, 0xffff);

        socket.send(firstByte, payload);
        String probe = "probe-" + probes++;
        socket.sendText("{\"type\":\"heartbeat\",\"id\":\"" + probe + "\"}");
        awaitProbeOrExplainedClose(probe, firstByte, payload);
        assertThat(problems.drain()).as("logged for %s", describe(firstByte, payload)).isEmpty();
    }

    private void awaitProbeOrExplainedClose(String probe, int firstByte, byte[] payload) {
        while (true) {
            Frame frame = socket.readFrame();
            if (frame == null) {
                socket.close();
                socket = null;
                // Only a client's own close frame, when invalid, may end the socket without one back (RFC 6455 7.1.7).
                if ((firstByte & 0x0f) != Frame.CLOSE) fail("the socket ended without a close frame after " + describe(firstByte, payload));
                return;
            }
            if (frame.opcode() == Frame.CLOSE) {
                socket.close();
                socket = null;
                assertThat(explains(firstByte, payload, frame.closeCode()))
                        .as("close %d after %s", frame.closeCode(), describe(firstByte, payload)).isTrue();
                return;
            }
            if (frame.opcode() != RawWebSocket.TEXT) continue; // pong
            JsonNode event = JSON.readTree(frame.text());
            if ("error".equals(event.path("type").asString())) {
                assertThat(event.path("data").path("code").asString())
                        .as("error after %s: %s", describe(firstByte, payload), frame.text()).isNotIn(SERVER_FAULTS);
            }
            if ("ack".equals(event.path("type").asString()) && probe.equals(event.path("id").asString())) return;
        }
    }

    private static boolean explains(int firstByte, byte[] payload, int closeCode) {
        int opcode = firstByte & 0x0f;
        if (opcode == Frame.CLOSE) return true; // the server answers a close with a close
        if (opcode == RawWebSocket.BINARY && closeCode == 1003) return true; // Callboard speaks text only
        if (PROTOCOL_CLOSES.contains(closeCode)) return firstByte != FIN_TEXT || !isUtf8(payload);
        return closeCode == 1000 && firstByte == FIN_TEXT && isBye(payload);
    }

    private static boolean isBye(byte[] payload) {
        try {
            return "bye".equals(JSON.readTree(payload).path("type").asString());
        } catch (JacksonException e) {
            return false;
        }
    }

    private static boolean isUtf8(byte[] payload) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(payload));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static String describe(int firstByte, byte[] payload) {
        String shown = payload.length <= 200 ? new String(payload, StandardCharsets.UTF_8) : payload.length + " bytes";
        return "frame 0x" + HexFormat.of().toHexDigits((byte) firstByte) + " [" + shown + "]";
    }

    private String token() {
        if (token == null) token = newUser(Role.ADMIN, "Fuzz").token();
        return token;
    }

    @AfterAll
    static void closeSocket() {
        if (socket != null) socket.close();
        socket = null;
        token = null;
    }
}
