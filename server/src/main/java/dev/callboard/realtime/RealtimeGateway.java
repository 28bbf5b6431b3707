package dev.callboard.realtime;

import dev.callboard.auth.Session;
import dev.callboard.db.DatabaseGate;
import dev.callboard.error.DomainException;
import dev.callboard.messaging.DeviceContext;
import dev.callboard.messaging.EventCodec;
import dev.callboard.presence.PresenceEngine;
import dev.callboard.web.ErrorMapping;
import dev.callboard.web.VirtualThreads;
import io.netty.handler.codec.TooLongFrameException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;

/**
 * The {@code /ws} endpoint. Authentication and the Origin check happened before the upgrade (in the
 * auth filter); this class only wires a socket to a {@link Connection}, sends {@code hello}, and
 * feeds frames to the {@link InboundDispatcher} in order, on virtual threads.
 */
@Component
public class RealtimeGateway implements WebSocketHandler {
    private static final Logger log = LoggerFactory.getLogger(RealtimeGateway.class);
    private static final Pattern DEVICE_ID = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");
    static final CloseStatus BINARY_NOT_ACCEPTED = new CloseStatus(1003, "text frames only");
    static final CloseStatus FLOOD = new CloseStatus(1008, "too many messages");
    static final CloseStatus TOO_BIG = new CloseStatus(1009, "frame too large");
    static final CloseStatus SHUTTING_DOWN = new CloseStatus(1001, "server shutting down");
    /** Hellos built for one connection while events keep overflowing it, before it is given up. */
    private static final int HELLO_ATTEMPTS = 5;
    private static final DomainException OVER_BUDGET =
            DomainException.rateLimited("too many messages from your devices together; slow down");

    private final ConnectionRegistry registry;
    private final PresenceEngine presence;
    private final InboundDispatcher dispatcher;
    private final HelloBuilder hello;
    private final EventCodec codec;
    private final RealtimeProperties properties;
    private final Clock clock;
    /**
     * A virtual thread per task that is never interrupted when its socket goes away (a scheduler over an
     * ExecutorService would interrupt it, and an interrupt inside JDBC breaks the pooled connection
     * under it). A task of a closed socket simply runs to its end.
     */
    private final Scheduler virtualThreads = VirtualThreads.uninterruptible("ws-");
    private final SecureRandom random = new SecureRandom();
    /** Sockets from their upgrade until presence has heard they left; a graceful stop waits for none. */
    private final AtomicInteger live = new AtomicInteger();
    private final UserBudgets budgets;
    private volatile boolean stopping;
    /** Starts at random: in a cluster, connection ids from different nodes must not collide. */
    private final AtomicLong connectionIds = new AtomicLong(random.nextLong() >>> 2);

    private final DatabaseGate gate;

    public RealtimeGateway(ConnectionRegistry registry, PresenceEngine presence, InboundDispatcher dispatcher,
                           HelloBuilder hello, EventCodec codec, RealtimeProperties properties, Clock clock,
                           DatabaseGate gate) {
        this.gate = gate;
        this.registry = registry;
        this.presence = presence;
        this.dispatcher = dispatcher;
        this.hello = hello;
        this.codec = codec;
        this.properties = properties;
        this.clock = clock;
        this.budgets = new UserBudgets(properties.userMessagesPerSecond());
    }

    /** Only reached without authentication, which the auth filter rules out. */
    @Override
    public Mono<Void> handle(WebSocketSession session) {
        return session.close(CloseStatus.POLICY_VIOLATION);
    }

    /** @param sessionCheckedAt {@link System#nanoTime()} when the session was looked up */
    Mono<Void> handle(WebSocketSession session, Session signedIn, long sessionCheckedAt) {
        if (stopping) return session.close(SHUTTING_DOWN);
        live.incrementAndGet();
        Connection c = new Connection(session, new DeviceContext(signedIn.user(), deviceId(session)), signedIn,
                connectionIds.incrementAndGet(), newBeaconKey(), properties.outboundQueueLimit(), sessionCheckedAt);
        InboundRateLimiter limiter = new InboundRateLimiter(properties.messagesPerSecond(), properties.messageBurst(), clock.millis());

        Mono<Void> opened = Mono.fromRunnable(() -> open(c)).subscribeOn(virtualThreads).then();
        Mono<Void> inbound = session.receive()
                // Read each frame as it arrives: Reactor Netty releases its buffer right after this call.
                .mapNotNull(message -> admit(c, limiter, message))
                .concatMap(text -> Mono.fromRunnable(() -> {
                    if (budgets.tryAcquire(c.user().id(), clock.millis())) dispatcher.dispatch(c, text);
                    else dispatcher.refuse(c, text, OVER_BUDGET);
                }).subscribeOn(virtualThreads), 1)
                .onErrorResume(TooLongFrameException.class, e -> {
                    c.close(TOO_BIG);
                    return Mono.empty();
                })
                .then();
        Mono<Void> outbound = session.send(c.outbound());
        return Mono.zip(opened.then(inbound).doFinally(s -> c.released()), outbound)
                .then()
                .onErrorResume(e -> Mono.empty())
                .doFinally(signal -> Schedulers.boundedElastic().schedule(() -> closed(c)));
    }

    /** @return the frame's text to dispatch, or null when the frame is refused (and the socket closed) */
    private String admit(Connection c, InboundRateLimiter limiter, WebSocketMessage message) {
        if (message.getType() != WebSocketMessage.Type.TEXT) {
            if (message.getType() == WebSocketMessage.Type.BINARY) c.close(BINARY_NOT_ACCEPTED);
            return null;
        }
        if (!limiter.tryAcquire(clock.millis())) {
            c.close(FLOOD);
            return null;
        }
        return message.getPayloadAsText();
    }

    private void open(Connection c) {
        registry.add(c);
        if (stopping) c.close(SHUTTING_DOWN); // the stop swept the registry before this socket was in it
        // a logout (or deactivation) between the session's lookup and now swept the registry without it
        if (registry.sessionEndedSinceCheck(c)) c.close(ConnectionRegistry.SESSION_ENDED);
        try {
            // In a reconnect storm the hellos queue here, not in the pool (whose wait means "hung").
            gate.through(() -> {
                presence.deviceConnected(c.user().id(), c.user().role(), c.deviceId(), c.id());
                for (int attempt = 1; !c.sendHello(codec.encode(hello.build(c))); attempt++) {
                    if (attempt == HELLO_ATTEMPTS) {
                        c.close(Connection.SLOW_CONSUMER); // still flooded after that many snapshots
                        break;
                    }
                }
                return null;
            });
        } catch (RuntimeException e) {
            if (ErrorMapping.ofUnavailableDatabase(e) != null) {
                log.warn("Could not open a connection for user {}: the database is not answering", c.user().id());
            } else {
                log.error("Could not open connection for user {}", c.user().id(), e);
            }
            c.close(CloseStatus.SERVER_ERROR);
        }
        // The socket may have gone while this ran (nothing interrupts it): closed() may already have
        // run, before the registry and presence had this connection. Undo what it could not.
        if (c.isClosed() && registry.remove(c)) presence.deviceLeft(c.user().id(), c.deviceId(), c.id());
    }

    private void closed(Connection c) {
        try {
            c.released();
            registry.remove(c);
            if (registry.of(c.user().id()).length == 0) budgets.forget(c.user().id());
            presence.deviceLeft(c.user().id(), c.deviceId(), c.id());
        } finally {
            live.decrementAndGet();
        }
    }

    /**
     * A graceful stop: no new socket is accepted, every open one is closed at once with 1001 (clients
     * reconnect, to another node if there is one), and this returns once presence has heard of each
     * leaving, or after {@code max}.
     *
     * @return how many were still on their way out at the deadline
     */
    void acceptNew() {
        stopping = false;
    }

    int closeAll(Duration max) {
        stopping = true;
        registry.forEach(c -> c.close(SHUTTING_DOWN));
        long deadline = System.nanoTime() + max.toNanos();
        while (live.get() > 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(10_000_000);
        }
        return live.get();
    }

    private String deviceId(WebSocketSession session) {
        String requested = UriComponentsBuilder.fromUri(session.getHandshakeInfo().getUri())
                .build().getQueryParams().getFirst("deviceId");
        return requested != null && DEVICE_ID.matcher(requested).matches() ? requested : UUID.randomUUID().toString();
    }

    private String newBeaconKey() {
        byte[] key = new byte[18];
        random.nextBytes(key);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key);
    }
}
