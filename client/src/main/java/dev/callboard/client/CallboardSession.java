package dev.callboard.client;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A live WebSocket session: typed events in, heartbeats, presence and signalling out. Thread-safe.
 * Listeners run one at a time, in the order the server sent the events, on the session's own
 * dispatch lane (a virtual thread while there is work; never two listener calls at once, each
 * call happens-before the next). {@link #awaitEvent} also sees events that arrived before it was
 * called. Connection handling (reconnect, timers) lives in {@link SessionLifecycle}.
 */
public final class CallboardSession implements AutoCloseable {

    private final SessionOptions options;
    private final SessionLifecycle lifecycle;
    private final EventBuffer buffer;
    private final SerialExecutor dispatcher;
    private final List<Consumer<? super Event>> listeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<? super CloseStatus>> closeListeners = new CopyOnWriteArrayList<>();
    private final PendingRequests pending;
    private final CompletableFuture<CloseStatus> closed = new CompletableFuture<>();
    private volatile Supplier<Instant> lastInputAt;
    private volatile BooleanSupplier focused;

    private CallboardSession(CallboardClient client, SessionOptions options) {
        this.options = options;
        this.buffer = new EventBuffer(options.eventBufferSize());
        this.dispatcher = new SerialExecutor(options.executor());
        this.pending = new PendingRequests(options.executor(), options.requestTimeout());
        this.listeners.addAll(options.listeners());
        this.lastInputAt = options.lastInputAt();
        this.focused = options.focused();
        this.lifecycle = new SessionLifecycle(client, options, this);
    }

    static CompletableFuture<CallboardSession> open(CallboardClient client, SessionOptions options) {
        CallboardSession session = new CallboardSession(client, options);
        return session.lifecycle.start().thenApply(ignored -> session);
    }

    /** The latest hello (refreshed on every reconnect). */
    public Event.Hello hello() {
        return lifecycle.hello();
    }

    /** This device's id: the one asked for, or the one the server assigned; kept across reconnects. */
    public String deviceId() {
        return lifecycle.deviceId();
    }

    /** True while connected and past the hello; false while reconnecting or closed. */
    public boolean isOpen() {
        return lifecycle.readyConnection() != null;
    }

    /** Completes when the session is closed for good (not on a drop that it reconnects from). */
    public CompletableFuture<CloseStatus> closed() {
        return closed.copy();
    }

    public void setLastInputSupplier(Supplier<Instant> lastInputAt) {
        this.lastInputAt = lastInputAt;
    }

    public void setFocusedSupplier(BooleanSupplier focused) {
        this.focused = focused;
    }

    public Subscription onEvent(Consumer<? super Event> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Called on every connection end, on the dispatch thread after all events before it. */
    public Subscription onClose(Consumer<? super CloseStatus> listener) {
        closeListeners.add(listener);
        return () -> closeListeners.remove(listener);
    }

    /**
     * The oldest buffered event of {@code type} matching {@code predicate}, waiting up to
     * {@code timeout} for one to arrive. Does not consume it.
     *
     * @throws EventTimeoutException if none arrives in time or the session closes
     */
    public <T extends Event> T awaitEvent(Class<T> type, Predicate<? super T> predicate, Duration timeout) {
        return buffer.await(type, predicate, timeout, 0);
    }

    public <T extends Event> T awaitEvent(Class<T> type, Duration timeout) {
        return awaitEvent(type, event -> true, timeout);
    }

    /** Like {@link #awaitEvent} but only considers events received after {@code mark}. */
    public <T extends Event> T awaitEventAfter(long mark, Class<T> type, Predicate<? super T> predicate,
                                               Duration timeout) {
        return buffer.await(type, predicate, timeout, mark);
    }

    /** A position in the event stream, for {@link #awaitEventAfter}. */
    public long eventMark() {
        return buffer.mark();
    }

    /** The buffered events, oldest first. */
    public List<Event> recentEvents() {
        return buffer.snapshot();
    }

    public void clearEvents() {
        buffer.clear();
    }

    /**
     * Sends a message with a fresh id; completes with the ack's data (an empty object if none), or
     * fails with {@link CallboardException} for an error reply, a timeout or a lost connection.
     */
    public CompletableFuture<JsonNode> request(String type, Object data) {
        Connection connection = lifecycle.readyConnection();
        return connection == null ? CompletableFuture.failedFuture(notConnected()) : request(connection, type, data);
    }

    private CompletableFuture<JsonNode> request(Connection connection, String type, Object data) {
        PendingRequests.Pending request = pending.register(type);
        connection.send(envelope(type, request.id(), data)).whenComplete((ignored, error) -> {
            if (error != null) {
                pending.fail(request.id(), new CallboardException(CallboardException.NO_STATUS,
                        CallboardException.CONNECTION_CLOSED, "could not send " + type + ": " + error, error));
            }
        });
        return request.reply();
    }

    /** Sends a message without an id: no ack is expected. Completes when it is written. */
    public CompletableFuture<Void> send(String type, Object data) {
        return sendRaw(envelope(type, null, data));
    }

    /** Sends any text as is (for tests of malformed or oversized frames). */
    public CompletableFuture<Void> sendRaw(String text) {
        Connection connection = lifecycle.readyConnection();
        return connection == null ? CompletableFuture.failedFuture(notConnected()) : connection.send(text);
    }

    /** A heartbeat now, with the current {@code lastInputAt} and focus; completes on the ack. */
    public CompletableFuture<JsonNode> heartbeat() {
        return request("heartbeat", heartbeatData());
    }

    /**
     * Moves this socket to a new token of the same user (the old one is about to expire): the socket
     * then stays open until the new one ends. Completes with {@code {expiresAt}}; an error reply
     * ({@code forbidden}: another user's token, {@code unauthorized}/{@code invalid_token}: not valid)
     * leaves the socket on its old token.
     */
    public CompletableFuture<JsonNode> refreshToken(String token) {
        return request("session.refresh", java.util.Map.of("token", token));
    }

    public CompletableFuture<JsonNode> setPresence(PresenceUpdate update) {
        return request("presence.set", update.toJson());
    }

    public CompletableFuture<JsonNode> signal(UUID callId, Sdp sdp) {
        return request("call.signal", Map.of("callId", callId, "sdp", sdp));
    }

    public CompletableFuture<JsonNode> signal(UUID callId, IceCandidate candidate) {
        return request("call.signal", Map.of("callId", callId, "candidate", candidate));
    }

    /** Tells the server this device is leaving (like a tab close); the server may then close. */
    public CompletableFuture<Void> bye() {
        return send("bye", Map.of());
    }

    /** Closes with 1000 and waits (up to the close timeout) for the server's close frame. */
    @Override
    public void close() {
        try {
            closeAsync(CloseStatus.NORMAL, "").get(options.closeTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            closeAbruptly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeAbruptly();
        }
    }

    public CompletableFuture<CloseStatus> closeAsync(int code, String reason) {
        lifecycle.close(code, reason);
        return closed();
    }

    /** Drops the TCP connection without a close frame, like a crashed tab; no reconnect follows. */
    public void closeAbruptly() {
        lifecycle.abort();
    }

    // --- called by SessionLifecycle -------------------------------------------------------------

    /** An event arrived on the current connection. Replies complete requests; the rest go to listeners. */
    void receive(Event event, Runnable release) {
        if (event instanceof Event.Ack ack && pending.complete(ack.id(), ack.data())) {
            release.run();
            return;
        }
        if (event instanceof Event.ServerError error && pending.fail(error.id(),
                new CallboardException(CallboardException.NO_STATUS, error.code(), error.message()))) {
            release.run();
            return;
        }
        buffer.add(event);
        dispatcher.execute(() -> {
            try {
                for (Consumer<? super Event> listener : listeners) {
                    listener.accept(event);
                }
            } finally {
                release.run();
            }
        });
    }

    void connectionEnded(CloseStatus status) {
        pending.failAll("connection closed: " + status.code() + " " + status.reason());
        if (!status.reconnecting()) {
            buffer.close(status.code() + " " + status.reason());
        }
        dispatcher.execute(() -> {
            closeListeners.forEach(listener -> listener.accept(status));
            if (!status.reconnecting()) {
                closed.complete(status);
            }
        });
    }

    /** A timer's heartbeat on {@code connection}, which is dropped if the ack does not come. */
    void autoHeartbeat(Connection connection) {
        if (lifecycle.readyConnection() != connection) {
            return;
        }
        if (!options.heartbeatAcks()) {
            connection.send(envelope("heartbeat", null, heartbeatData()));
            return;
        }
        request(connection, "heartbeat", heartbeatData()).whenComplete((ignored, error) -> {
            // a paused connection reads no acks; its silence says nothing about the server
            if (error instanceof CallboardException e && CallboardException.TIMEOUT.equals(e.code())
                    && !connection.isPaused()) {
                lifecycle.drop(connection, "no ack to a heartbeat within " + options.requestTimeout());
            }
        });
    }

    private ObjectNode heartbeatData() {
        ObjectNode data = Json.MAPPER.createObjectNode();
        data.put("lastInputAt", lastInputAt.get().truncatedTo(ChronoUnit.MILLIS).toString());
        data.put("focused", focused.getAsBoolean());
        return data;
    }

    static String envelope(String type, String id, Object data) {
        ObjectNode envelope = Json.MAPPER.createObjectNode();
        envelope.put("type", type);
        if (id != null) {
            envelope.put("id", id);
        }
        envelope.set("data", data == null ? Json.MAPPER.createObjectNode() : Json.MAPPER.valueToTree(data));
        return Json.MAPPER.writeValueAsString(envelope);
    }

    private static CallboardException notConnected() {
        return new CallboardException(CallboardException.NO_STATUS, CallboardException.NOT_CONNECTED,
                "the session is not connected");
    }
}
