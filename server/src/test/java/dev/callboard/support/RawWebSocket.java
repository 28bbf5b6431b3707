package dev.callboard.support;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/**
 * A WebSocket client that writes frames byte by byte, so a test can send what no proper client
 * library would: a text frame that is not UTF-8, reserved bits without an extension. It reads the
 * server's frames only far enough to find the close frame.
 */
public final class RawWebSocket implements AutoCloseable {
    public static final int TEXT = 0x1;
    public static final int BINARY = 0x2;
    public static final int FIN = 0x80;
    public static final int RSV1 = 0x40;
    private static final int TIMEOUT_MS = 30_000;

    private final Socket socket;
    private final OutputStream out;
    private final DataInputStream in;
    private final SecureRandom random = new SecureRandom();

    private RawWebSocket(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.in = new DataInputStream(socket.getInputStream());
    }

    /** Upgrades {@code /ws} with a bearer token; fails unless the server answers 101. */
    public static RawWebSocket open(int port, String token) {
        return open(port, token, "/ws");
    }

    /** Upgrades {@code pathAndQuery} (e.g. {@code /ws?deviceId=phone}) with a bearer token. */
    public static RawWebSocket open(int port, String token, String pathAndQuery) {
        try {
            Socket socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(TIMEOUT_MS);
            RawWebSocket ws = new RawWebSocket(socket);
            String request = "GET " + pathAndQuery + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: Upgrade\r\n"
                    + "Upgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Authorization: Bearer " + token + "\r\n\r\n";
            ws.out.write(request.getBytes(StandardCharsets.US_ASCII));
            ws.out.flush();
            String status = ws.readLine();
            if (!status.contains(" 101 ")) throw new IllegalStateException("upgrade refused: " + status);
            while (!ws.readLine().isEmpty()) {
                // response headers
            }
            return ws;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One masked frame, as a client must send it; {@code firstByte} is FIN, RSV bits and opcode. */
    public void send(int firstByte, byte[] payload) {
        if (payload.length > 0xffff) throw new IllegalArgumentException("frames up to 64 KiB only");
        int header = payload.length > 125 ? 4 : 2;
        byte[] mask = new byte[4];
        random.nextBytes(mask);
        byte[] frame = new byte[header + 4 + payload.length];
        frame[0] = (byte) firstByte;
        if (header == 2) {
            frame[1] = (byte) (0x80 | payload.length);
        } else {
            frame[1] = (byte) (0x80 | 126);
            frame[2] = (byte) (payload.length >>> 8);
            frame[3] = (byte) payload.length;
        }
        System.arraycopy(mask, 0, frame, header, 4);
        for (int i = 0; i < payload.length; i++) frame[header + 4 + i] = (byte) (payload[i] ^ mask[i % 4]);
        try {
            out.write(frame);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void sendText(String text) {
        send(FIN | TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    /** A frame from the server: its opcode and payload; a {@code null} frame means the socket ended. */
    public record Frame(int opcode, byte[] payload) {
        public static final int CLOSE = 0x8;

        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        /** The status code of a close frame, 1005 if it has none. */
        public int closeCode() {
            return payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
        }
    }

    /** The next frame from the server, or {@code null} if the socket ended without one. */
    public Frame readFrame() {
        try {
            int first = in.read();
            if (first < 0) return null;
            int length = in.readUnsignedByte() & 0x7f;
            if (length == 126) length = in.readUnsignedShort();
            else if (length == 127) length = Math.toIntExact(in.readLong());
            return new Frame(first & 0x0f, in.readNBytes(length));
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server sent nothing for " + TIMEOUT_MS + " ms", e);
        } catch (IOException e) {
            return null;
        }
    }

    /** Reads frames until the server's close frame; its status code, or 1006 if the socket just ended. */
    public int awaitCloseCode() {
        while (true) {
            Frame frame = readFrame();
            if (frame == null) return 1006;
            if (frame.opcode() == Frame.CLOSE) return frame.closeCode();
        }
    }

    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) throw new IOException("connection closed");
            if (b != '\r') line.append((char) b);
        }
        return line.toString();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already gone
        }
    }
}
