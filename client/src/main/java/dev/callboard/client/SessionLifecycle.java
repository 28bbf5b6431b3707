package dev.callboard.client;

import java.net.URI;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

/**
 * The connection side of a {@link CallboardSession}: connecting, waiting for hello, heartbeats,
 * reconnecting with backoff and closing. At most one connection is current; callbacks from any
 * other (an aborted or timed-out one) are ignored, so a late frame can never confuse the session.
 */
final class SessionLifecycle implements Connection.Sink {

    private final CallboardClient client;
    private final SessionOptions options;
    private final CallboardSession session;
    private final SerialExecutor inbound;
    private final CompletableFuture<Void> started = new CompletableFuture<>();
    private final Object lock = new Object();
    private volatile Connection connection;
    private volatile Event.Hello hello;
    private volatile String deviceId;
    // guarded by lock
    private boolean helloSeen;
    private boolean finishing;
    private boolean finished;
    private int attempt;
    private Heartbeater heartbeater;
    private Future<?> reconnectTimer;

    SessionLifecycle(CallboardClient client, SessionOptions options, CallboardSession session) {
        this.client = client;
        this.options = options;
        this.session = session;
        this.inbound = new SerialExecutor(options.executor());
        this.deviceId = options.deviceId();
    }

    /** Connects once; completes when the first hello has arrived. */
    CompletableFuture<Void> start() {
        connect(options.ticket());
        return started;
    }

    Event.Hello hello() {
        return hello;
    }

    String deviceId() {
        return deviceId;
    }

    Connection readyConnection() {
        Connection current = connection;
        return current != null && current.isReady() ? current : null;
    }

    private void connect(String explicitTicket) {
        Connection candidate = new Connection(options.dispatchQueueLimit(), this);
        synchronized (lock) {
            if (finishing) {
                return;
            }
            connection = candidate;
        }
        Delays.schedule(options.connectTimeout(), () -> {
            if (!candidate.helloSeen()) {
                drop(candidate, "no hello within " + options.connectTimeout());
            }
        }, options.executor());
        ticket(explicitTicket)
                .thenCompose(ticket -> candidate.open(client.httpClient(), webSocketUri(client.baseUri(), deviceId, ticket),
                        headers(ticket), options.connectTimeout()))
                .whenComplete((ignored, error) -> {
                    if (error != null) {
                        openFailed(candidate, failure(error));
                    } else if (candidate != connection) {
                        candidate.abort(); // timed out or closed while the upgrade was under way
                    }
                });
    }

    private CompletableFuture<String> ticket(String explicitTicket) {
        if (explicitTicket != null || !options.useTickets()) {
            return CompletableFuture.completedFuture(explicitTicket);
        }
        return CompletableFuture.supplyAsync(() -> client.realtimeTicket().ticket(), options.executor());
    }

    private Map<String, String> headers(String ticket) {
        Map<String, String> headers = new LinkedHashMap<>(options.headers());
        if (ticket == null && client.token() != null) {
            headers.putIfAbsent("Authorization", "Bearer " + client.token());
        }
        return headers;
    }

    private void openFailed(Connection candidate, CallboardException failure) {
        boolean first;
        synchronized (lock) {
            if (candidate != connection) {
                return;
            }
            connection = null;
            first = !helloSeen;
        }
        if (first) {
            started.completeExceptionally(failure);
            finish(new CloseStatus(CloseStatus.ABNORMAL, failure.getMessage(), false));
        } else if (failure.status() == 401 || failure.status() == 403) {
            finish(new CloseStatus(CloseStatus.ABNORMAL, "reconnect refused: " + failure.getMessage(), false));
        } else {
            retry(CloseStatus.ABNORMAL, failure.getMessage());
        }
    }

    /** Gives up on a connection that still looks open (no hello, no heartbeat ack). */
    void drop(Connection source, String reason) {
        if (source == connection) {
            source.abort();
            onClosed(source, CloseStatus.ABNORMAL, reason);
        }
    }

    /**
     * Runs on the socket's thread, so it only queues: the JDK loses a TCP close that arrives
     * while a listener method is still running (see docs/client-sdk.md).
     */
    @Override
    public void onMessage(Connection source, String text, Runnable release) {
        inbound.execute(() -> {
            if (source != connection) {
                release.run();
                return;
            }
            Event event = EventDecoder.decode(text);
            if (event instanceof Event.Hello received) {
                helloReceived(source, received);
            }
            session.receive(event, release);
        });
    }

    private void helloReceived(Connection source, Event.Hello received) {
        synchronized (lock) {
            if (source != connection) {
                return;
            }
            hello = received;
            if (received.deviceId() != null) {
                deviceId = received.deviceId(); // reconnect as the same device
            }
            helloSeen = true;
            attempt = 0;
            source.markHelloSeen();
            stopHeartbeats();
            if (options.autoHeartbeat()) {
                heartbeater = new Heartbeater(heartbeatInterval(received), options.executor(),
                        () -> session.autoHeartbeat(source));
                heartbeater.start();
            }
        }
        options.executor().execute(() -> started.complete(null)); // a caller's continuation must not block this lane
    }

    private Duration heartbeatInterval(Event.Hello received) {
        if (options.heartbeatInterval() != null) {
            return options.heartbeatInterval();
        }
        int seconds = received.heartbeatIntervalSeconds();
        return Duration.ofSeconds(seconds > 0 ? seconds : 30);
    }

    private void stopHeartbeats() {
        if (heartbeater != null) {
            heartbeater.stop();
            heartbeater = null;
        }
    }

    @Override
    public void onClosed(Connection source, int code, String reason) {
        boolean reconnect;
        boolean first;
        synchronized (lock) {
            if (source != connection) {
                return;
            }
            connection = null;
            stopHeartbeats();
            first = !helloSeen;
            reconnect = !first && !finishing && options.reconnect() != null;
        }
        if (first) {
            started.completeExceptionally(new CallboardException(CallboardException.NO_STATUS,
                    CallboardException.CONNECTION_CLOSED, "closed before hello: " + code + " " + reason));
        }
        if (reconnect) {
            session.connectionEnded(new CloseStatus(code, reason, true));
            retry(code, reason);
        } else {
            finish(new CloseStatus(code, reason, false));
        }
    }

    private void retry(int code, String reason) {
        int next;
        synchronized (lock) {
            if (finishing) {
                return;
            }
            next = ++attempt;
            if (options.reconnect().allows(next)) {
                reconnectTimer = Delays.schedule(options.reconnect().delay(next), () -> connect(null),
                        options.executor());
                return;
            }
        }
        finish(new CloseStatus(code, "gave up after " + (next - 1) + " reconnect attempts: " + reason, false));
    }

    /** Sends a close frame; the server's answer ends the session (see {@link #onClosed}). */
    void close(int code, String reason) {
        Connection current;
        synchronized (lock) {
            if (finishing) {
                return;
            }
            finishing = true;
            Delays.cancel(reconnectTimer);
            stopHeartbeats();
            current = connection;
        }
        if (current == null || !current.hasSocket()) {
            finish(new CloseStatus(code, reason, false));
            return;
        }
        current.sendClose(code, reason).whenComplete((ignored, error) -> {
            if (error != null) {
                finish(new CloseStatus(CloseStatus.ABNORMAL, String.valueOf(error), false));
            }
        });
    }

    void abort() {
        finish(new CloseStatus(CloseStatus.ABNORMAL, "aborted by client", false));
    }

    private void finish(CloseStatus status) {
        Connection current;
        boolean first;
        synchronized (lock) {
            if (finished) {
                return;
            }
            finished = true;
            finishing = true;
            Delays.cancel(reconnectTimer);
            stopHeartbeats();
            current = connection;
            connection = null;
            first = !helloSeen;
        }
        if (current != null) {
            current.abort();
        }
        if (first) {
            started.completeExceptionally(new CallboardException(CallboardException.NO_STATUS,
                    CallboardException.CONNECTION_CLOSED, "closed: " + status.reason()));
        }
        session.connectionEnded(status);
    }

    /** {@code ws(s)://host/base/ws?deviceId=..&ticket=..} for an {@code http(s)} base URI. */
    static URI webSocketUri(URI baseUri, String deviceId, String ticket) {
        String scheme = "https".equalsIgnoreCase(baseUri.getScheme()) ? "wss" : "ws";
        String rest = baseUri.toString().substring(baseUri.getScheme().length()).replaceFirst("/+$", "");
        return URI.create(scheme + rest + "/ws" + HttpTransport.query("deviceId", deviceId, "ticket", ticket));
    }

    private static CallboardException failure(Throwable error) {
        Throwable cause = Connection.rootCause(error);
        if (cause instanceof WebSocketHandshakeException handshake) {
            HttpResponse<?> response = handshake.getResponse();
            return CallboardException.fromResponse(response.statusCode(),
                    response.body() instanceof String body ? body : null);
        }
        if (cause instanceof CallboardException callboard) {
            return callboard;
        }
        return new CallboardException(CallboardException.NO_STATUS, CallboardException.TRANSPORT_ERROR,
                "WebSocket connect failed: " + cause, cause);
    }
}
