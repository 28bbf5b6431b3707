package dev.callboard.bench;

import dev.callboard.client.Role;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * N devices connected and heartbeating. Reports heartbeat round trip (heartbeat with an id → its
 * ack), the server's statements and CPU per heartbeat, and its heap and RSS per connection.
 */
public final class IdleScenario implements Scenario, WsConnection.Listener {
    private static final String ACK_PREFIX = "{\"type\":\"ack\",\"id\":\"h";

    /** What the heartbeats say about the user's input: fresh every time, or none since connecting. */
    public enum Input {
        ACTIVE, IDLE;

        static Input parse(String value) {
            return switch (value) {
                case "active" -> ACTIVE;
                case "idle" -> IDLE;
                default -> throw new IllegalArgumentException("--input is 'active' or 'idle'");
            };
        }
    }

    private final int connections;
    private final int devicesPerUser;
    private final long intervalMillis;
    private final Input input;
    private final long startedNanos = System.nanoTime();
    private final Latency rtt = new Latency();
    private final LongAdder sent = new LongAdder();
    private final LongAdder acked = new LongAdder();
    private final LongAdder closed = new LongAdder();
    private final java.util.concurrent.ConcurrentHashMap<Integer, LongAdder> closeCodes = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<ScheduledFuture<?>> schedules = new ArrayList<>();
    private List<WsConnection> open = List.of();
    private Map<String, Object> baselineHeap;
    private volatile boolean counting;

    public IdleScenario(int connections, int devicesPerUser, double intervalSeconds, Input input) {
        this.input = input;
        this.connections = connections;
        this.devicesPerUser = Math.max(1, devicesPerUser);
        this.intervalMillis = Math.max(10, Math.round(intervalSeconds * 1000));
    }

    @Override
    public String name() {
        return "idle";
    }

    @Override
    public void setUp(BenchContext context) {
        int userCount = (connections + devicesPerUser - 1) / devicesPerUser;
        var users = context.createUsers("idle", Role.CLIENT, userCount);
        baselineHeap = context.probe().heap();
        context.out().printf("  server heap before connecting: %.1f MiB (%d connections)%n",
                ((Number) baselineHeap.get("heapUsedBytes")).longValue() / 1048576.0, baselineHeap.get("connections"));
        // Each device heartbeats from its hello on: connecting thousands takes longer than the
        // server's 3 missed heartbeats, and a silent device would be dropped (close 4000).
        open = context.connect("idle", users, connections, this, this::startBeating);
    }

    private void startBeating(WsConnection c) {
        long delay = ThreadLocalRandom.current().nextLong(intervalMillis);
        ScheduledFuture<?> s = c.channel().eventLoop().scheduleAtFixedRate(() -> beat(c), delay, intervalMillis, TimeUnit.MILLISECONDS);
        synchronized (schedules) {
            schedules.add(s);
        }
    }

    @Override
    public void start() {
        // already heartbeating since each connection opened
    }

    private void beat(WsConnection c) {
        if (!c.isOpen()) return;
        long now = System.nanoTime();
        // Idle: the input time the server derives stays put (the run's start, before any connection).
        long idleMs = input == Input.IDLE ? (now - startedNanos) / 1_000_000 : 0;
        c.send("{\"type\":\"heartbeat\",\"id\":\"h" + now + "\",\"data\":{\"idleMs\":" + idleMs + ",\"focused\":true}}");
        if (counting) sent.increment();
    }

    @Override
    public void onFrame(WsConnection connection, String text, long arrivedNanos) {
        if (!text.startsWith(ACK_PREFIX)) return;
        int end = text.indexOf('"', ACK_PREFIX.length());
        long sentAt = Long.parseLong(text, ACK_PREFIX.length(), end, 10);
        if (counting && sentAt > windowStart) {
            rtt.recordNanos(arrivedNanos - sentAt);
            acked.increment();
        }
    }

    private volatile long windowStart = Long.MAX_VALUE;

    @Override
    public void onClosed(WsConnection connection) {
        closed.increment();
        closeCodes.computeIfAbsent(connection.closeCode(), k -> new LongAdder()).increment();
    }

    @Override
    public void beginWindow() {
        rtt.reset();
        sent.reset();
        acked.reset();
        windowStart = System.nanoTime();
        counting = true;
    }

    @Override
    public void endWindow() {
        counting = false;
    }

    @Override
    public void stop() {
        synchronized (schedules) {
            schedules.forEach(s -> s.cancel(false));
        }
    }

    @Override
    public String progress() {
        return String.format("idle: %d open, %d heartbeats acked, rtt p99 %.1f ms", open.size() - closed.intValue(), acked.sum(), rtt.percentileMillis(99));
    }

    @Override
    public Map<String, Object> result(double seconds, ServerDelta server) {
        long heartbeats = acked.sum();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("connections", connections);
        m.put("users", (connections + devicesPerUser - 1) / devicesPerUser);
        m.put("heartbeatIntervalMs", intervalMillis);
        m.put("heartbeatsSent", sent.sum());
        m.put("heartbeatsAcked", heartbeats);
        m.put("heartbeatsPerSecond", heartbeats / seconds);
        m.put("connectionsClosed", closed.sum());
        Map<String, Long> codes = new java.util.TreeMap<>();
        closeCodes.forEach((code, n) -> codes.put(String.valueOf(code), n.sum()));
        m.put("closeCodes", codes);
        m.put("heartbeatRtt", rtt.toJson());
        m.put("statementsPerHeartbeat", heartbeats == 0 ? Double.NaN : (double) server.statements() / heartbeats);
        m.put("cpuMsPer1000Heartbeats", heartbeats == 0 ? Double.NaN : server.cpuNanos() / 1e6 / heartbeats * 1000);
        return m;
    }

    @Override
    public void afterStop(BenchContext context, Map<String, Object> result) {
        Map<String, Object> heap = context.probe().heap();
        long base = ((Number) baselineHeap.get("heapUsedBytes")).longValue();
        long now = ((Number) heap.get("heapUsedBytes")).longValue();
        double baseRss = ((Number) baselineHeap.get("rssBytes")).doubleValue();
        double rss = ((Number) heap.get("rssBytes")).doubleValue();
        int live = ((Number) heap.get("connections")).intValue() - ((Number) baselineHeap.get("connections")).intValue();
        result.put("heapBefore", baselineHeap);
        result.put("heapWithConnections", heap);
        result.put("heapKiBPerConnection", live <= 0 ? Double.NaN : (now - base) / 1024.0 / live);
        result.put("rssKiBPerConnection", live <= 0 ? Double.NaN : (rss - baseRss) / 1024.0 / live);
        result.put("heapIncludesLoadGenerator", context.target().inProcess());
    }

    @Override
    public void tearDown() {
        open.forEach(WsConnection::close);
    }
}
