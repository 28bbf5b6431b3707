package dev.callboard.bench;

import dev.callboard.client.Role;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * W watchers (admins, who see everyone) and a few changers (clients, whose changes go to every
 * admin) making C changes per second in total. Each change carries its send time (System.nanoTime)
 * in its status message, so every watcher measures change-to-delivery on the same clock.
 */
public final class PresenceScenario implements Scenario, WsConnection.Listener {
    private static final String MARK = "\"message\":\"bench:";

    private final int watchers;
    private final double changesPerSecond;
    private final int changerCount;
    private final Latency delivery = new Latency();
    private final LongAdder changes = new LongAdder();
    private final LongAdder delivered = new LongAdder();
    private final LongAdder closed = new LongAdder();
    private ScheduledExecutorService scheduler;
    private List<WsConnection> watcherConnections = List.of();
    private List<WsConnection> changers = List.of();
    private volatile long windowStart = Long.MAX_VALUE;
    private volatile long windowEnd = Long.MAX_VALUE;
    private long sequence;

    private final int watchersPerUser;

    /** @param watchersPerUser watcher connections per admin user (devices), to keep user creation short */
    public PresenceScenario(int watchers, int watchersPerUser, double changesPerSecond, int changers) {
        this.watchers = watchers;
        this.watchersPerUser = Math.max(1, watchersPerUser);
        this.changesPerSecond = changesPerSecond;
        this.changerCount = Math.max(1, changers);
    }

    @Override
    public String name() {
        return "presence";
    }

    @Override
    public void setUp(BenchContext context) {
        var watcherUsers = context.createUsers("watcher", Role.ADMIN, (watchers + watchersPerUser - 1) / watchersPerUser);
        var changerUsers = context.createUsers("changer", Role.CLIENT, changerCount);
        watcherConnections = context.connect("watcher", watcherUsers, watchers, this);
        changers = context.connect("changer", changerUsers, changerCount, (c, t, at) -> { });
    }

    @Override
    public void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon().name("presence-changes").unstarted(r));
        long periodNanos = Math.max(1, Math.round(1e9 / changesPerSecond));
        scheduler.scheduleAtFixedRate(this::change, 0, periodNanos, TimeUnit.NANOSECONDS);
    }

    private void change() {
        long n = sequence++;
        WsConnection c = changers.get((int) (n % changers.size()));
        String status = (n / changers.size()) % 2 == 0 ? "busy" : "available";
        long now = System.nanoTime();
        c.send("{\"type\":\"presence.set\",\"id\":\"p" + n + "\",\"data\":{\"status\":\"" + status
                + "\",\"message\":\"bench:" + now + "\"}}");
        if (now >= windowStart && now < windowEnd) changes.increment();
    }

    @Override
    public void onFrame(WsConnection connection, String text, long arrivedNanos) {
        int at = text.indexOf(MARK);
        if (at < 0 || !text.contains("\"type\":\"presence.changed\"")) return;
        int from = at + MARK.length();
        long sentAt = Long.parseLong(text, from, text.indexOf('"', from), 10);
        if (sentAt >= windowStart && sentAt < windowEnd) {
            delivery.recordNanos(arrivedNanos - sentAt);
            delivered.increment();
        }
    }

    @Override
    public void onClosed(WsConnection connection) {
        closed.increment();
    }

    @Override
    public void beginWindow() {
        delivery.reset();
        delivered.reset();
        changes.reset();
        windowStart = System.nanoTime();
    }

    @Override
    public void endWindow() {
        windowEnd = System.nanoTime();
    }

    @Override
    public void stop() throws InterruptedException {
        scheduler.shutdownNow();
        Thread.sleep(1000); // let the last changes of the window arrive
    }

    @Override
    public String progress() {
        return String.format("presence: %d changes, %d deliveries, p99 %.1f ms", changes.sum(), delivered.sum(), delivery.percentileMillis(99));
    }

    @Override
    public Map<String, Object> result(double seconds, ServerDelta server) {
        long made = changes.sum();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("watchers", watchers);
        m.put("watcherUsers", (watchers + watchersPerUser - 1) / watchersPerUser);
        m.put("changers", changerCount);
        m.put("targetChangesPerSecond", changesPerSecond);
        m.put("changes", made);
        m.put("changesPerSecond", made / seconds);
        m.put("expectedDeliveries", made * watchers);
        m.put("deliveries", delivered.sum());
        m.put("deliveredPerSecond", delivered.sum() / seconds);
        m.put("watchersClosedByServer", closed.sum());
        m.put("delivery", delivery.toJson());
        m.put("statementsPerChange", made == 0 ? Double.NaN : (double) server.statements() / made);
        return m;
    }

    @Override
    public void tearDown() {
        watcherConnections.forEach(WsConnection::close);
        changers.forEach(WsConnection::close);
    }
}
