package dev.callboard.client;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A minimal RFC 6455 server over real sockets whose every move is made by the test: it accepts or
 * refuses upgrades, sends exactly the frames the test writes (including fragmented messages and
 * close frames) and reports what the client sent. It stands in for the Callboard server, which
 * lives in another module, to exercise the SDK's real WebSocket code: no mocks, no sleeps.
 */
final class ScriptedWebSocketServer implements AutoCloseable {

    record Frame(int opcode, boolean fin, byte[] payload) {
        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        int closeCode() {
            return payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : CloseStatus.ABNORMAL;
        }
    }

    /** How to answer the next upgrade: 101, or an HTTP error with a body. */
    record Handshake(int status, String body) {
        static final Handshake ACCEPT = new Handshake(101, null);
    }

    private final ServerSocket serverSocket;
    private final BlockingQueue<Handshake> handshakes = new LinkedBlockingQueue<>();
    private final BlockingQueue<Peer> peers = new LinkedBlockingQueue<>();
    private volatile String plainHttpBody = "{}";

    ScriptedWebSocketServer() throws IOException {
        serverSocket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("ws-accept").start(this::acceptLoop);
    }

    URI httpUri() {
        return URI.create("http://127.0.0.1:" + serverSocket.getLocalPort());
    }

    /** Answers the next upgrade with this (default: accept). */
    void nextHandshake(Handshake handshake) {
        handshakes.add(handshake);
    }

    /** The body of a 200 answer to any plain (non-upgrade) HTTP request, e.g. a ticket request. */
    void plainHttpBody(String body) {
        plainHttpBody = body;
    }

    /** The next client that connected (accepted or refused). */
    Peer awaitPeer() throws InterruptedException {
        Peer peer = peers.poll(10, TimeUnit.SECONDS);
        if (peer == null) {
            throw new AssertionError("no client connected within 10 s");
        }
        return peer;
    }

    @Override
    public void close() throws IOException {
        serverSocket.close();
        for (Peer peer : peers) {
            peer.drop();
        }
    }

    private void acceptLoop() {
        while (!serverSocket.isClosed()) {
            try {
                Socket socket = serverSocket.accept();
                peers.add(new Peer(socket, handshakes::poll, plainHttpBody));
            } catch (IOException e) {
                return;
            }
        }
    }

    static final class Peer {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        private final String requestLine;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private final BlockingQueue<Frame> received = new LinkedBlockingQueue<>();

        Peer(Socket socket, java.util.function.Supplier<Handshake> handshakes, String plainHttpBody) throws IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
            this.out = socket.getOutputStream();
            String[] lines = readHead().split("\r\n");
            this.requestLine = lines[0];
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
            Handshake handshake = header("Upgrade") == null ? new Handshake(200, plainHttpBody) : handshakes.get();
            if (handshake == null || handshake.status() == 101) {
                write("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Accept: " + accept(headers.get("sec-websocket-key")) + "\r\n\r\n");
                Thread.ofVirtual().name("ws-read").start(this::readLoop);
            } else {
                byte[] body = handshake.body().getBytes(StandardCharsets.UTF_8);
                write("HTTP/1.1 " + handshake.status() + " Scripted\r\nContent-Type: application/json\r\n"
                        + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n");
                out.write(body);
                out.flush();
                socket.close();
            }
        }

        /** Path and query of the upgrade request, e.g. {@code /ws?deviceId=d1}. */
        String target() {
            return requestLine.split(" ")[1];
        }

        /** A header of the upgrade request (name in any case), or null. */
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        synchronized void sendText(String text) throws IOException {
            writeFrame(0x1, true, text.getBytes(StandardCharsets.UTF_8));
        }

        /** One text message split over several frames. */
        synchronized void sendFragmented(String... parts) throws IOException {
            for (int i = 0; i < parts.length; i++) {
                writeFrame(i == 0 ? 0x1 : 0x0, i == parts.length - 1, parts[i].getBytes(StandardCharsets.UTF_8));
            }
        }

        synchronized void sendClose(int code, String reason) throws IOException {
            byte[] text = reason.getBytes(StandardCharsets.UTF_8);
            writeFrame(0x8, true, ByteBuffer.allocate(2 + text.length).putShort((short) code).put(text).array());
        }

        /** Closes the TCP connection without a close frame, like a crashed server. */
        void drop() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // already gone
            }
        }

        /** The next frame from the client; a frame with opcode -1 means the connection ended. */
        Frame nextFrame(Duration timeout) throws InterruptedException {
            Frame frame = received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (frame == null) {
                throw new AssertionError("the client sent nothing within " + timeout);
            }
            return frame;
        }

        /** The next text message, skipping nothing: fails if the next frame is not text. */
        String nextText() throws InterruptedException {
            Frame frame = nextFrame(Duration.ofSeconds(10));
            if (frame.opcode() != 0x1) {
                throw new AssertionError("expected a text frame, got opcode " + frame.opcode());
            }
            return frame.text();
        }

        private void readLoop() {
            try {
                while (true) {
                    int b0 = in.read();
                    if (b0 < 0) {
                        break;
                    }
                    int b1 = readByte();
                    long length = b1 & 0x7F;
                    if (length == 126) {
                        length = (readByte() << 8) | readByte();
                    } else if (length == 127) {
                        length = ByteBuffer.wrap(in.readNBytes(8)).getLong();
                    }
                    byte[] mask = (b1 & 0x80) != 0 ? in.readNBytes(4) : null;
                    byte[] payload = in.readNBytes((int) length);
                    for (int i = 0; mask != null && i < payload.length; i++) {
                        payload[i] ^= mask[i % 4];
                    }
                    received.add(new Frame(b0 & 0x0F, (b0 & 0x80) != 0, payload));
                }
            } catch (IOException ignored) {
                // the connection ended
            }
            received.add(new Frame(-1, true, new byte[0]));
        }

        private int readByte() throws IOException {
            int b = in.read();
            if (b < 0) {
                throw new EOFException();
            }
            return b;
        }

        private String readHead() throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                head.write(readByte());
            }
            return head.toString(StandardCharsets.ISO_8859_1);
        }

        private void writeFrame(int opcode, boolean fin, byte[] payload) throws IOException {
            ByteArrayOutputStream frame = new ByteArrayOutputStream();
            frame.write((fin ? 0x80 : 0) | opcode);
            if (payload.length < 126) {
                frame.write(payload.length);
            } else if (payload.length < 65536) {
                frame.write(126);
                frame.write(payload.length >>> 8);
                frame.write(payload.length & 0xFF);
            } else {
                frame.write(127);
                frame.write(ByteBuffer.allocate(8).putLong(payload.length).array());
            }
            frame.write(payload);
            out.write(frame.toByteArray());
            out.flush();
        }

        private void write(String text) throws IOException {
            out.write(text.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }

        private static String accept(String key) {
            try {
                byte[] sha1 = MessageDigest.getInstance("SHA-1").digest(
                        (key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.ISO_8859_1));
                return Base64.getEncoder().encodeToString(sha1);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
