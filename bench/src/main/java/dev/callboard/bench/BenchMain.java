package dev.callboard.bench;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code java -jar callboard-bench.jar <idle|presence|calls|mixed> [options]}: runs one scenario
 * against an in-process server (default) or {@code --url}, prints a summary and writes a JSON report.
 */
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Map<String, Object> report = run(options, System.out);
        System.exit(report.containsKey("error") ? 1 : 0);
    }

    /** Runs the scenario of {@code options}; returns (and writes to {@code --out}) the report. */
    public static Map<String, Object> run(Options options, PrintStream out) throws Exception {
        out.println("callboard bench: " + options.scenario() + " " + options.all());
        try (ServerTarget target = target(options, out)) {
            return run(target, options, out);
        }
    }

    /** Runs against a server that is already there (the caller closes it). */
    public static Map<String, Object> run(ServerTarget target, Options options, PrintStream out) throws Exception {
        out.println("  server: " + target.baseUri() + (target.inProcess() ? " (in this JVM)" : ""));
        Map<String, Object> report = new Runner(target, options, out).run(scenarios(options));
        Path file = Path.of(options.string("out", "bench-" + options.scenario() + "-" + System.currentTimeMillis() + ".json"));
        Report.write(report, file);
        out.println(Report.summary(report));
        out.println("  report: " + file.toAbsolutePath());
        return report;
    }

    static List<Scenario> scenarios(Options o) {
        Scenario idle = new IdleScenario(o.integer("connections", 1000), o.integer("devices-per-user", 10), o.decimal("heartbeat-interval", 1),
                IdleScenario.Input.parse(o.string("input", "active")));
        Scenario presence = new PresenceScenario(o.integer("watchers", 1000), o.integer("devices-per-user", 10), o.decimal("changes-per-second", 20), o.integer("changers", 10));
        Scenario calls = new CallsScenario(o.integer("pairs", 100), o.decimal("missed-share", 0.1));
        return switch (o.scenario()) {
            case "idle" -> List.of(idle);
            case "presence" -> List.of(presence);
            case "calls" -> List.of(calls);
            default -> List.of(idle, presence, calls);
        };
    }

    private static ServerTarget target(Options o, PrintStream out) throws Exception {
        String url = o.string("url", null);
        if (url != null) {
            return ServerTarget.url(URI.create(url), o.string("admin-email", System.getenv("CALLBOARD_ADMIN_EMAIL")),
                    o.string("admin-password", System.getenv("CALLBOARD_ADMIN_PASSWORD")),
                    o.string("metrics-token", System.getenv("CALLBOARD_METRICS_TOKEN")));
        }
        Map<String, String> props = new HashMap<>();
        // the bench's own senders stay far below this; a higher limit only avoids closing them on a GC pause burst
        props.put("callboard.realtime.messages-per-second", "100");
        props.put("callboard.realtime.message-burst", "200");
        // one bench user stands for many devices (creating users is slow): lift the per-user limits
        props.put("callboard.realtime.max-sockets-per-user", "100000");
        props.put("callboard.realtime.user-messages-per-second", "100000");
        props.put("callboard.realtime.outbound-queue-limit", "4096");
        props.put("callboard.database.pool-size", "16");
        props.putAll(o.serverProperties());
        out.println("  starting the server in this JVM...");
        return ServerTarget.inProcess(o.string("database-url", null), props);
    }
}
