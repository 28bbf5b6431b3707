package dev.callboard.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One WebSocket connection of a session. It assembles partial frames, serializes sends (the JDK
 * allows one outstanding text send at a time) and applies backpressure: the next frame is requested
 * only while fewer than {@code queueLimit} messages wait for the session's listeners.
 */
final class Connection implements WebSocket.Listener {

    /** Where a connection reports to; {@code release} must run once the message has been handled. */
    interface Sink {
        void onMessage(Connection connection, String text, Runnable release);

        void onClosed(Connection connection, int code, String reason);
    }

    private final int queueLimit;
    private final Sink sink;
    private final FrameAssembler assembler = new FrameAssembler();
    private final AtomicInteger queued = new AtomicInteger();
    private volatile WebSocket webSocket;
    private volatile boolean helloSeen;
    private CompletableFuture<?> sendTail = CompletableFuture.completedFuture(null);

    Connection(int queueLimit, Sink sink) {
        this.queueLimit = queueLimit;
        this.sink = sink;
    }

    CompletableFuture<Void> open(HttpClient http, URI uri, Map<String, String> headers, Duration timeout) {
        WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(timeout);
        headers.forEach(builder::header);
        return builder.buildAsync(uri, this).thenApply(ws -> null);
    }

    /** Open for sending, and the server's hello has arrived on it. */
    boolean isReady() {
        WebSocket ws = webSocket;
        return helloSeen && ws != null && !ws.isOutputClosed();
    }

    boolean helloSeen() {
        return helloSeen;
    }

    void markHelloSeen() {
        helloSeen = true;
    }

    /** True while reading is held back because listeners are behind. */
    boolean isPaused() {
        return queued.get() >= queueLimit;
    }

    /** Whether the upgrade has completed (before that there is nothing to close or send on). */
    boolean hasSocket() {
        return webSocket != null;
    }

    /**
     * Queues a text message. A write that fails with an I/O error ends the connection: the JDK may
     * not report a TCP close otherwise (see {@link SessionLifecycle#onMessage}).
     */
    synchronized CompletableFuture<Void> send(String text) {
        WebSocket ws = webSocket;
        if (ws == null) {
            return CompletableFuture.failedFuture(notConnected());
        }
        CompletableFuture<Void> sent = sendTail.handle((ignored, error) -> null)
                .thenCompose(ignored -> ws.sendText(text, true))
                .thenApply(ignored -> null);
        sendTail = sent;
        sent.whenComplete((ignored, error) -> {
            if (rootCause(error) instanceof IOException broken) {
                abort();
                sink.onClosed(this, CloseStatus.ABNORMAL, "write failed: " + broken);
            }
        });
        return sent;
    }

    synchronized CompletableFuture<Void> sendClose(int code, String reason) {
        WebSocket ws = webSocket;
        if (ws == null) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> sent = sendTail.handle((ignored, error) -> null)
                .thenCompose(ignored -> ws.sendClose(code, reason))
                .thenApply(ignored -> null);
        sendTail = sent;
        return sent;
    }

    /** Drops the TCP connection without a close frame. The JDK calls no listener method afterwards. */
    void abort() {
        WebSocket ws = webSocket;
        if (ws != null) {
            ws.abort();
        }
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        this.webSocket = webSocket;
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        String message = assembler.append(data, last);
        if (message == null) {
            webSocket.request(1);
            return null;
        }
        int waiting = queued.incrementAndGet();
        sink.onMessage(this, message, this::release);
        if (waiting < queueLimit) {
            webSocket.request(1);
        }
        return null;
    }

    /**
     * A message was handled. If the queue was full, {@link #onText} did not ask for the next
     * frame, so ask now: exactly one side requests for every message received.
     */
    private void release() {
        if (queued.getAndDecrement() == queueLimit) {
            webSocket.request(1);
        }
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        webSocket.request(1); // the protocol is text only; ignore
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        sink.onClosed(this, statusCode, reason);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        sink.onClosed(this, CloseStatus.ABNORMAL, String.valueOf(error));
    }

    static Throwable rootCause(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static CallboardException notConnected() {
        return new CallboardException(CallboardException.NO_STATUS, CallboardException.NOT_CONNECTED,
                "the WebSocket is not open");
    }
}
