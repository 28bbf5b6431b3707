package dev.callboard.bench;

import dev.callboard.CallboardApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** The server under test: started in this JVM, or one already running at a URL. */
public final class ServerTarget implements AutoCloseable {
    private final URI baseUri;
    private final String adminEmail;
    private final String adminPassword;
    private final String metricsToken;
    private final ConfigurableApplicationContext context;
    private final boolean inProcess;

    private ServerTarget(URI baseUri, String adminEmail, String adminPassword, String metricsToken,
                         ConfigurableApplicationContext context) {
        this.baseUri = baseUri;
        this.adminEmail = adminEmail;
        this.adminPassword = adminPassword;
        this.metricsToken = metricsToken;
        this.context = context;
        this.inProcess = context != null;
    }

    /** @param metricsToken the server's {@code CALLBOARD_METRICS_TOKEN}, or null */
    public static ServerTarget url(URI baseUri, String adminEmail, String adminPassword, String metricsToken) {
        return new ServerTarget(baseUri, adminEmail, adminPassword, metricsToken, null);
    }

    /**
     * Starts Callboard in this JVM on a free port, demo off, with a bench admin. Without a database
     * URL an embedded PostgreSQL is started in a fresh temporary directory.
     *
     * @param extra more server properties (e.g. {@code callboard.realtime.messages-per-second})
     */
    public static ServerTarget inProcess(String databaseUrl, Map<String, String> extra) throws IOException {
        String email = "bench-admin@bench.local";
        String password = "bench-" + UUID.randomUUID();
        String metricsToken = "bench-metrics-" + UUID.randomUUID();
        Map<String, Object> props = new HashMap<>();
        props.put("server.port", "0");
        props.put("server.address", "127.0.0.1");
        props.put("callboard.demo.enabled", "false");
        props.put("callboard.auth.admin-email", email);
        props.put("callboard.auth.admin-password", password);
        props.put("callboard.actuator.metrics-token", metricsToken);
        props.put("logging.level.root", "WARN");
        props.put("logging.level.dev.callboard", "WARN");
        if (databaseUrl != null && !databaseUrl.isBlank()) {
            props.put("callboard.database.url", databaseUrl);
        } else {
            Path dir = Files.createTempDirectory("callboard-bench-pg");
            props.put("callboard.database.embedded-dir", dir.toString());
        }
        props.putAll(extra);
        // as command-line arguments: they outrank application.yml (default properties would not)
        String[] args = props.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(CallboardApplication.class).run(args);
        String port = context.getEnvironment().getProperty("local.server.port");
        return new ServerTarget(URI.create("http://127.0.0.1:" + port), email, password, metricsToken, context);
    }

    public URI baseUri() {
        return baseUri;
    }

    public String adminEmail() {
        return adminEmail;
    }

    public String adminPassword() {
        return adminPassword;
    }

    /** The static token for reading metrics, or null: then the admin's token is used (a lookup per read). */
    public String metricsToken() {
        return metricsToken;
    }

    /** True when the server shares this JVM: its heap and CPU then include the load generator's. */
    public boolean inProcess() {
        return inProcess;
    }

    @Override
    public void close() {
        if (context != null) context.close();
    }
}
