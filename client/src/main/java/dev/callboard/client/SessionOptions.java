package dev.callboard.client;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * How a {@link CallboardSession} connects and behaves. Defaults suit an end-to-end test: bearer
 * token on the upgrade, automatic heartbeats at the server's interval, no reconnect.
 */
public record SessionOptions(
        String deviceId,
        String ticket,
        boolean useTickets,
        Duration heartbeatInterval,
        boolean autoHeartbeat,
        boolean heartbeatAcks,
        Supplier<Instant> lastInputAt,
        BooleanSupplier focused,
        ReconnectPolicy reconnect,
        int eventBufferSize,
        int dispatchQueueLimit,
        Duration connectTimeout,
        Duration requestTimeout,
        Duration closeTimeout,
        Map<String, String> headers,
        List<Consumer<? super Event>> listeners,
        Executor executor) {

    public SessionOptions {
        headers = Map.copyOf(headers);
        listeners = List.copyOf(listeners);
    }

    public static SessionOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private String deviceId;
        private String ticket;
        private boolean useTickets;
        private Duration heartbeatInterval;
        private boolean autoHeartbeat = true;
        private boolean heartbeatAcks = true;
        private Supplier<Instant> lastInputAt = Instant::now;
        private BooleanSupplier focused = () -> true;
        private ReconnectPolicy reconnect;
        private int eventBufferSize = 512;
        private int dispatchQueueLimit = 1024;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofSeconds(10);
        private Duration closeTimeout = Duration.ofSeconds(5);
        private final Map<String, String> headers = new LinkedHashMap<>();
        private final List<Consumer<? super Event>> listeners = new ArrayList<>();
        private Executor executor;

        private Builder() {
        }

        /** A stable id for this device; default: the server makes one (kept across reconnects). */
        public Builder deviceId(String deviceId) {
            this.deviceId = deviceId;
            return this;
        }

        /** Connect with {@code /ws?ticket=...} instead of the Authorization header, once. */
        public Builder ticket(String ticket) {
            this.ticket = ticket;
            return this;
        }

        /** Fetch a fresh ticket for every (re)connect, as a browser does, instead of sending the token. */
        public Builder useTickets(boolean useTickets) {
            this.useTickets = useTickets;
            return this;
        }

        /** Override the server's {@code heartbeatIntervalSeconds} (tests use short intervals). */
        public Builder heartbeatInterval(Duration heartbeatInterval) {
            this.heartbeatInterval = heartbeatInterval;
            return this;
        }

        /** False: send heartbeats only when asked, to act like a frozen or dead device. */
        public Builder autoHeartbeat(boolean autoHeartbeat) {
            this.autoHeartbeat = autoHeartbeat;
            return this;
        }

        /**
         * True (default): automatic heartbeats carry an id, and a connection whose ack does not come
         * within the request timeout is treated as dead (and reconnected, if enabled). This catches
         * a silently lost connection; false halves the heartbeat traffic of a load generator.
         */
        public Builder heartbeatAcks(boolean heartbeatAcks) {
            this.heartbeatAcks = heartbeatAcks;
            return this;
        }

        /** The time of the user's last input, reported in heartbeats; default: now (always active). */
        public Builder lastInputAt(Supplier<Instant> lastInputAt) {
            this.lastInputAt = Objects.requireNonNull(lastInputAt);
            return this;
        }

        public Builder focused(BooleanSupplier focused) {
            this.focused = Objects.requireNonNull(focused);
            return this;
        }

        /** Reconnect after a dropped connection; default: off. */
        public Builder reconnect(ReconnectPolicy reconnect) {
            this.reconnect = reconnect;
            return this;
        }

        /** Recent events kept for {@code awaitEvent}; 0 keeps none (a load generator needs none). */
        public Builder eventBufferSize(int eventBufferSize) {
            this.eventBufferSize = eventBufferSize;
            return this;
        }

        /** Events waiting for slow listeners before the session stops reading the socket. */
        public Builder dispatchQueueLimit(int dispatchQueueLimit) {
            if (dispatchQueueLimit < 1) {
                throw new IllegalArgumentException("dispatchQueueLimit must be >= 1");
            }
            this.dispatchQueueLimit = dispatchQueueLimit;
            return this;
        }

        /** Time for the upgrade plus the server's hello. */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = Objects.requireNonNull(connectTimeout);
            return this;
        }

        /** Time for the ack of a {@code request}. */
        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = Objects.requireNonNull(requestTimeout);
            return this;
        }

        /** Time {@code close()} waits for the server's close frame before dropping the connection. */
        public Builder closeTimeout(Duration closeTimeout) {
            this.closeTimeout = Objects.requireNonNull(closeTimeout);
            return this;
        }

        /** An extra header on the upgrade request, e.g. {@code Origin}. */
        public Builder header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        /** A listener registered before connecting, so it sees the first hello too. */
        public Builder onEvent(Consumer<? super Event> listener) {
            listeners.add(Objects.requireNonNull(listener));
            return this;
        }

        /** Runs listeners and timers; default: a new virtual thread per burst of work. */
        public Builder executor(Executor executor) {
            this.executor = executor;
            return this;
        }

        public SessionOptions build() {
            Executor exec = executor != null ? executor : task -> Thread.ofVirtual().name("callboard-session").start(task);
            if (eventBufferSize < 0) {
                throw new IllegalArgumentException("eventBufferSize must be >= 0");
            }
            return new SessionOptions(deviceId, ticket, useTickets, heartbeatInterval, autoHeartbeat, heartbeatAcks, lastInputAt,
                    focused, reconnect, eventBufferSize, dispatchQueueLimit, connectTimeout, requestTimeout,
                    closeTimeout, headers, listeners, exec);
        }
    }
}
