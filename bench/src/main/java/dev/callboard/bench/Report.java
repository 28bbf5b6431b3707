package dev.callboard.bench;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The JSON file and the terminal summary. */
final class Report {
    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private Report() {
    }

    static void write(Map<String, Object> report, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        Files.writeString(file, JSON.writeValueAsString(report));
    }

    @SuppressWarnings("unchecked")
    static String summary(Map<String, Object> report) {
        StringBuilder b = new StringBuilder();
        b.append(String.format("%n== %s: %.1f s measured, server CPU %.2f cores, %s statements, load %s → %s%n",
                report.get("scenario"), num(report.get("measuredSeconds")), num(report.get("serverCpuCoresUsed")),
                report.get("serverStatements"), ((Map<String, Object>) report.get("machine")).get("loadAverageBefore"),
                report.get("loadAverageAfter")));
        Map<String, Object> results = (Map<String, Object>) report.get("results");
        if (results == null) return b.toString();
        if (results.get("idle") instanceof Map<?, ?> m) {
            Map<String, Object> r = (Map<String, Object>) m;
            b.append(String.format("idle:     %s connections, %.0f heartbeats/s, rtt %s; %.3f statements/heartbeat; %.2f ms CPU/1000 heartbeats; heap %.2f KiB/conn, RSS %.2f KiB/conn%s%n",
                    r.get("connections"), num(r.get("heartbeatsPerSecond")), latency(r.get("heartbeatRtt")),
                    num(r.get("statementsPerHeartbeat")), num(r.get("cpuMsPer1000Heartbeats")),
                    num(r.get("heapKiBPerConnection")), num(r.get("rssKiBPerConnection")),
                    Boolean.TRUE.equals(r.get("heapIncludesLoadGenerator")) ? " (in-process: includes the load generator)" : ""));
        }
        if (results.get("presence") instanceof Map<?, ?> m) {
            Map<String, Object> r = (Map<String, Object>) m;
            b.append(String.format("presence: %s watchers, %.1f changes/s, %s of %s delivered (%.0f/s), delivery %s; %.2f statements/change%n",
                    r.get("watchers"), num(r.get("changesPerSecond")), r.get("deliveries"), r.get("expectedDeliveries"),
                    num(r.get("deliveredPerSecond")), latency(r.get("delivery")), num(r.get("statementsPerChange"))));
        }
        if (results.get("calls") instanceof Map<?, ?> m) {
            Map<String, Object> r = (Map<String, Object>) m;
            b.append(String.format("calls:    %s pairs, %.1f completed calls/s (+%s missed, %s failed), invite→ring %s, answer→answered %s, signal %s; %.1f statements/call%n",
                    r.get("pairs"), num(r.get("completedCallsPerSecond")), r.get("missedCalls"), r.get("failures"),
                    latency(r.get("inviteToRing")), latency(r.get("answerToAnswered")), latency(r.get("signalRelay")),
                    num(r.get("statementsPerCall"))));
        }
        return b.toString();
    }

    @SuppressWarnings("unchecked")
    private static String latency(Object o) {
        Map<String, Object> m = (Map<String, Object>) o;
        return String.format("p50 %.2f / p99 %.2f / p99.9 %.2f ms", num(m.get("p50Ms")), num(m.get("p99Ms")), num(m.get("p999Ms")));
    }

    private static double num(Object o) {
        return o instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
