package dev.callboard.bench;

import dev.callboard.client.CallboardClient;
import dev.callboard.client.RawResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the server's own numbers: SQL statements executed ({@code callboard.db.statements}), CPU
 * time, RSS (Actuator metrics), and the live heap after a full GC ({@code POST /api/admin/heap}).
 */
public final class ServerProbe {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final CallboardClient admin;
    private final CallboardClient metrics;

    /**
     * Metrics are read with the server's static metrics token when there is one: the admin's bearer
     * token would cost a database lookup per read, one more statement in every count.
     */
    public ServerProbe(CallboardClient admin, String metricsToken) {
        this.admin = admin;
        this.metrics = metricsToken == null || metricsToken.isBlank() ? admin : admin.withToken(metricsToken);
    }

    public long statements() {
        return (long) metric("callboard.db.statements", "COUNT");
    }

    /** Process CPU time in nanoseconds ({@code callboard.process.cpu.time}). */
    public double cpuNanos() {
        return metric("callboard.process.cpu.time", "COUNT") * 1e9; // reported in seconds
    }

    public double rssBytes() {
        return metric("process.memory.rss", "VALUE");
    }

    /** Full GC on the server, then {heapUsedBytes, heapCommittedBytes, rssBytes, connections}. */
    public Map<String, Object> heap() {
        RawResponse r = admin.exchange("POST", "/api/admin/heap", null);
        if (r.status() != 200) throw new IllegalStateException("POST /api/admin/heap: " + r.status() + " " + r.body());
        JsonNode node = JSON.readTree(r.body());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("heapUsedBytes", node.path("heapUsedBytes").asLong());
        m.put("heapCommittedBytes", node.path("heapCommittedBytes").asLong());
        m.put("rssBytes", node.path("rssBytes").asDouble());
        m.put("connections", node.path("connections").asInt());
        return m;
    }

    public double metric(String name, String statistic) {
        RawResponse r = metrics.exchange("GET", "/actuator/metrics/" + name, null);
        if (r.status() != 200) return Double.NaN;
        for (JsonNode m : JSON.readTree(r.body()).path("measurements")) {
            if (statistic.equals(m.path("statistic").asString())) return m.path("value").asDouble();
        }
        return Double.NaN;
    }

    /** A snapshot of the counters, to subtract from a later one. */
    public record Sample(long statements, double cpuNanos, long atNanos) {}

    public Sample sample() {
        return new Sample(statements(), cpuNanos(), System.nanoTime());
    }
}
