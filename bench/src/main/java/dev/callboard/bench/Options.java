package dev.callboard.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code <scenario> --name value ...}; every option has a default (see {@link #USAGE}). */
public final class Options {
    static final Set<String> SCENARIOS = Set.of("idle", "presence", "calls", "mixed");
    static final String USAGE = """
            usage: java -jar bench/target/callboard-bench.jar <idle|presence|calls|mixed> [options]
            target (default: start the server in this JVM with an embedded PostgreSQL):
              --url http://host:8080 --admin-email E --admin-password P   a running server
              --metrics-token T        the server's CALLBOARD_METRICS_TOKEN (else metrics are read with the admin's token)
              --database-url jdbc:postgresql://...                        in-process server on this database
              --set name=value                                            extra server property (in-process; repeatable)
            run:
              --duration 30 --warmup 5 (seconds)    --out result.json     --threads 2 (client event loops)
              --quiet 5 (seconds with no load first, to measure the server's background statements; 0: skip)
            idle:     --connections 1000 --heartbeat-interval 1 (seconds)
                      --input active (every heartbeat reports fresh input) | idle (no input since connecting)
            presence: --watchers 1000 --changes-per-second 20 --changers 10
            idle and presence: --devices-per-user 10 (connections per bench user: creating users is slow, Argon2id)
            calls:    --pairs 100 --missed-share 0.1
            mixed:    all of the above at once
            """;

    private final String scenario;
    private final Map<String, String> values;
    private final List<String> serverProperties;

    private Options(String scenario, Map<String, String> values, List<String> serverProperties) {
        this.scenario = scenario;
        this.values = values;
        this.serverProperties = serverProperties;
    }

    public static Options parse(String... args) {
        if (args.length == 0 || !SCENARIOS.contains(args[0])) throw new IllegalArgumentException(USAGE);
        Map<String, String> values = new HashMap<>();
        List<String> props = new java.util.ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--") || i + 1 >= args.length) throw new IllegalArgumentException("bad option " + a + "\n" + USAGE);
            String value = args[++i];
            if (a.equals("--set")) props.add(value);
            else values.put(a.substring(2), value);
        }
        return new Options(args[0], values, props);
    }

    public String scenario() {
        return scenario;
    }

    public String string(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    public int integer(String name, int fallback) {
        return values.containsKey(name) ? Integer.parseInt(values.get(name)) : fallback;
    }

    public double decimal(String name, double fallback) {
        return values.containsKey(name) ? Double.parseDouble(values.get(name)) : fallback;
    }

    public Map<String, String> serverProperties() {
        Map<String, String> m = new HashMap<>();
        for (String p : serverProperties) {
            int eq = p.indexOf('=');
            if (eq < 1) throw new IllegalArgumentException("--set needs name=value: " + p);
            m.put(p.substring(0, eq), p.substring(eq + 1));
        }
        return m;
    }

    /** Every option given, the admin password masked (the report is meant to be shared). */
    public Map<String, String> all() {
        Map<String, String> m = new java.util.TreeMap<>(values);
        m.computeIfPresent("admin-password", (k, v) -> "***");
        m.computeIfPresent("metrics-token", (k, v) -> "***");
        return m;
    }
}
