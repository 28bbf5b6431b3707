package dev.callboard.realtime;

import dev.callboard.auth.Session;
import dev.callboard.identity.CurrentUser;
import dev.callboard.messaging.DeviceContext;
import dev.callboard.messaging.EventCodec;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

import java.util.ArrayList;
import java.util.List;

/**
 * One open WebSocket: who it belongs to and its outbound queue. The queue is bounded: a client that
 * does not read fast enough is disconnected instead of being allowed to grow the server's memory.
 * Nothing but {@code hello} is sent before {@code hello}; events that arrive earlier wait for it.
 */
public final class Connection {
    public static final CloseStatus SLOW_CONSUMER = new CloseStatus(1008, "outbound queue overflow");

    private final WebSocketSession session;
    private final DeviceContext device;
    private volatile Session signedIn;
    private final long id;
    private final String beaconKey;
    private final int queueLimit;
    private volatile long sessionCheckedAt;
    private final Sinks.Many<WebSocketMessage> sink =
            Sinks.many().unicast().onBackpressureBuffer(Queues.<WebSocketMessage>unbounded(8).get());
    private int queued;
    private List<byte[]> beforeHello = new ArrayList<>(0);
    /** More events came while hello was being built than the queue holds: a newer hello must be built. */
    private boolean helloStale;
    private boolean closed;

    public Connection(WebSocketSession session, DeviceContext device, Session signedIn, long id, String beaconKey,
                      int queueLimit, long sessionCheckedAt) {
        this.sessionCheckedAt = sessionCheckedAt;
        this.session = session;
        this.device = device;
        this.signedIn = signedIn;
        this.id = id;
        this.beaconKey = beaconKey;
        this.queueLimit = queueLimit;
    }

    public CurrentUser user() { return device.user(); }

    public DeviceContext device() { return device; }

    public String deviceId() { return device.deviceId(); }

    /**
     * The session (bearer token) this socket was opened with, or moved to with {@code session.refresh};
     * it closes when that session ends.
     */
    public Session signedIn() { return signedIn; }

    /** The client refreshed its token: the socket now lives as long as the new session (same user, same role). */
    void continueIn(Session next, long checkedAtNanos) {
        if (!next.user().equals(signedIn.user())) throw new IllegalArgumentException("another user's or role's session");
        this.signedIn = next;
        this.sessionCheckedAt = checkedAtNanos;
    }

    public long id() { return id; }

    /** {@link System#nanoTime()} when {@link #signedIn()} was last found valid. */
    public long sessionCheckedAt() { return sessionCheckedAt; }

    public String beaconKey() { return beaconKey; }

    /** What the socket writes; each message leaving the queue frees one place in it. */
    Flux<WebSocketMessage> outbound() {
        return sink.asFlux().doOnNext(m -> {
            synchronized (this) {
                queued--;
            }
        });
    }

    /** Queues an already serialized event. Safe from any thread. */
    public void send(byte[] json) {
        boolean overflow;
        synchronized (this) {
            if (closed) return;
            if (beforeHello != null) {
                overflow = !holdForHello(json);
            } else {
                overflow = !emit(json);
            }
        }
        if (overflow) close(SLOW_CONSUMER);
    }

    /**
     * Waiting for hello, the flood of a reconnect storm is no reason to close. Past what the queue
     * holds (with hello itself), the events that a newer hello includes are dropped, and that hello
     * is built; relayed signalling, which no hello repeats, is kept. Only more signalling than the
     * whole queue holds closes the socket.
     *
     * @return false when the socket must close
     */
    private boolean holdForHello(byte[] json) {
        boolean relayed = EventCodec.isRelayed(json);
        if (helloStale && !relayed) return true;
        if (beforeHello.size() + 1 >= queueLimit) {
            beforeHello.removeIf(event -> !EventCodec.isRelayed(event));
            helloStale = true;
            if (!relayed) return true;
            if (beforeHello.size() + 1 >= queueLimit) return false;
        }
        beforeHello.add(json);
        return true;
    }

    /**
     * Sends {@code hello}, then whatever was published while it was being built.
     *
     * @return false when too much was published meanwhile (a reconnect storm): nothing was sent, and
     *         the caller builds a newer hello (events from now on are kept for it, like the
     *         signalling kept so far) and tries again
     */
    boolean sendHello(byte[] hello) {
        synchronized (this) {
            if (closed) return true;
            if (helloStale) {
                helloStale = false; // what is left is signalling, to follow the newer hello
                return false;
            }
            emit(hello);
            for (byte[] event : beforeHello) emit(event);
            beforeHello = null;
            return true;
        }
    }

    private boolean emit(byte[] json) {
        if (queued >= queueLimit) return false;
        queued++;
        sink.tryEmitNext(new WebSocketMessage(WebSocketMessage.Type.TEXT, session.bufferFactory().wrap(json)));
        return true;
    }

    /** True once the socket is closing or gone: nothing more is sent, and nothing more it sent is applied. */
    public synchronized boolean isClosed() {
        return closed;
    }

    public void close(CloseStatus status) {
        synchronized (this) {
            if (closed) return;
            closed = true;
            beforeHello = null;
        }
        // Close frame first: completing the outbound stream first would end the socket without a status.
        session.close(status).doFinally(signal -> sink.tryEmitComplete()).subscribe(null, e -> { });
    }

    /** Called once the socket is gone, whoever closed it. */
    void released() {
        synchronized (this) {
            closed = true;
            beforeHello = null;
        }
        sink.tryEmitComplete();
    }
}
