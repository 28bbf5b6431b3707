package dev.callboard.bench;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Set up every scenario, run them together (warm-up, then the measured window), collect the report. */
final class Runner {
    private final ServerTarget target;
    private final Options options;
    private final PrintStream out;

    Runner(ServerTarget target, Options options, PrintStream out) {
        this.target = target;
        this.options = options;
        this.out = out;
    }

    Map<String, Object> run(List<Scenario> scenarios) throws Exception {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("scenario", options.scenario());
        report.put("startedAt", Instant.now().toString());
        report.put("options", options.all());
        report.put("machine", machine());
        report.put("server", Map.of("url", target.baseUri().toString(), "inProcess", target.inProcess()));
        int warmup = options.integer("warmup", 5);
        int duration = options.integer("duration", 30);
        try (BenchContext context = new BenchContext(target, options, out)) {
            for (Scenario s : scenarios) {
                out.println("== set-up: " + s.name());
                s.setUp(context);
            }
            out.printf("== running %s: %d s warm-up, %d s measured%n", options.scenario(), warmup, duration);
            // what the server's timers (ring-timeout and presence sweepers) execute with no load at all
            int quiet = options.integer("quiet", 5);
            double backgroundRate = 0;
            if (quiet > 0) {
                ServerProbe.Sample q0 = context.probe().sample();
                Thread.sleep(quiet * 1000L);
                ServerProbe.Sample q1 = context.probe().sample();
                backgroundRate = (q1.statements() - q0.statements()) / ((q1.atNanos() - q0.atNanos()) / 1e9);
                report.put("backgroundCpuCores", (q1.cpuNanos() - q0.cpuNanos()) / (q1.atNanos() - q0.atNanos()));
            }
            report.put("backgroundStatementsPerSecond", backgroundRate);
            try (Progress p = new Progress(out, "run", () -> scenarios.stream().map(Scenario::progress).collect(Collectors.joining(" | ")))) {
                scenarios.forEach(Scenario::start);
                Thread.sleep(warmup * 1000L);
                scenarios.forEach(Scenario::beginWindow);
                ServerProbe.Sample before = context.probe().sample();
                Thread.sleep(duration * 1000L);
                ServerProbe.Sample after = context.probe().sample();
                scenarios.forEach(Scenario::endWindow);
                double seconds = (after.atNanos() - before.atNanos()) / 1e9;
                long statements = after.statements() - before.statements();
                // net of the timers' background statements, so "per heartbeat" counts what heartbeats cause
                long net = Math.max(0, Math.round(statements - backgroundRate * seconds));
                Scenario.ServerDelta delta = new Scenario.ServerDelta(net, after.cpuNanos() - before.cpuNanos());
                report.put("serverStatementsRaw", statements);
                report.put("measuredSeconds", seconds);
                report.put("serverStatements", delta.statements());
                report.put("serverStatementsNote", "serverStatements = raw count in the window minus backgroundStatementsPerSecond x seconds");
                report.put("serverCpuSeconds", delta.cpuNanos() / 1e9);
                report.put("serverCpuCoresUsed", delta.cpuNanos() / 1e9 / seconds);
                for (Scenario s : scenarios) {
                    s.stop();
                }
                Map<String, Object> results = new LinkedHashMap<>();
                for (Scenario s : scenarios) {
                    Map<String, Object> r = new LinkedHashMap<>(s.result(seconds, delta));
                    s.afterStop(context, r);
                    results.put(s.name(), r);
                }
                report.put("results", results);
            } finally {
                scenarios.forEach(Scenario::tearDown);
            }
            report.put("loadAverageAfter", loadAverage());
        }
        return report;
    }

    private static Map<String, Object> machine() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cpus", Runtime.getRuntime().availableProcessors());
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        m.put("benchMaxHeapMiB", Runtime.getRuntime().maxMemory() / 1048576);
        m.put("loadAverageBefore", loadAverage());
        return m;
    }

    static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
