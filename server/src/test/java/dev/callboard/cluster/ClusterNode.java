package dev.callboard.cluster;

import dev.callboard.CallboardApplication;
import dev.callboard.client.CallboardClient;
import dev.callboard.client.CallboardSession;
import dev.callboard.client.SessionOptions;
import dev.callboard.support.TestRedis;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;

/**
 * One Callboard node of a test cluster: an application context in this JVM, or (when the test
 * must kill it with SIGKILL) a separate {@code java -jar} process. Every node of a cluster shares
 * one PostgreSQL database, one Redis and one key prefix.
 */
final class ClusterNode implements AutoCloseable {
    static final String ROOT = "root@cluster.test";
    static final String ROOT_PASSWORD = "root-password-1";
    /** The password the tests give the users they create. */
    static final String PASSWORD = "cluster-password-1";
    /** Short leases, so a dead node is noticed in seconds: the bound is lease-ttl + lease-renew. */
    static final Duration LEASE_TTL = Duration.ofSeconds(3);
    static final Duration LEASE_RENEW = Duration.ofSeconds(1);

    /** What the nodes of one test cluster share. */
    record Cluster(String databaseUrl, String redisUrl, String keyPrefix) {
        static Cluster fresh(String databaseUrl, String redisUrl) {
            return new Cluster(databaseUrl, redisUrl, "cbtest:" + java.util.UUID.randomUUID() + ":");
        }
    }

    private final String name;
    private final URI uri;
    private final ConfigurableApplicationContext context;
    private final Process process;

    private ClusterNode(String name, URI uri, ConfigurableApplicationContext context, Process process) {
        this.name = name;
        this.uri = uri;
        this.context = context;
        this.process = process;
    }

    private static List<String> args(Cluster cluster, int port, String... extra) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=" + port,
                "--server.shutdown=immediate",
                "--callboard.database.url=" + cluster.databaseUrl(),
                "--callboard.database.pool-size=4",
                "--callboard.demo.enabled=false",
                "--callboard.auth.admin-email=" + ROOT,
                "--callboard.auth.admin-password=" + ROOT_PASSWORD,
                "--callboard.cluster.redis-url=" + cluster.redisUrl(),
                "--callboard.cluster.key-prefix=" + cluster.keyPrefix(),
                "--callboard.cluster.lease-ttl=" + LEASE_TTL.toMillis() + "ms",
                "--callboard.cluster.lease-renew=" + LEASE_RENEW.toMillis() + "ms",
                "--callboard.cluster.command-timeout=1s",
                "--callboard.presence.sweep-interval=500ms"));
        args.addAll(List.of(extra));
        return args;
    }

    static ClusterNode inProcess(String name, Cluster cluster, String... extra) {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(CallboardApplication.class)
                .run(args(cluster, 0, extra).toArray(String[]::new));
        URI uri = URI.create("http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port"));
        return new ClusterNode(name, uri, context, null);
    }

    /** A node in its own JVM, from the packaged jar, so that it can be killed like a crashed machine. */
    static ClusterNode separateProcess(String name, Cluster cluster, String... extra) {
        int port = TestRedis.freePort();
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx384m",
                "-Dreactor.netty.ioShutdownQuietPeriod=0", "-jar", serverJar().toString()));
        command.addAll(args(cluster, port, extra));
        try {
            File log = new File("target/cluster-node-" + name + ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(log)).start();
            ClusterNode node = new ClusterNode(name, URI.create("http://127.0.0.1:" + port), null, process);
            node.awaitUp(Duration.ofSeconds(90));
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    private static Path serverJar() {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(p -> p.getFileName().toString().matches("callboard-server-.*-SNAPSHOT\\.jar|callboard-server-[0-9.]+\\.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no server jar in target/: run 'mvn package' (failsafe runs after it)"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitUp(Duration max) {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest readiness = HttpRequest.newBuilder(uri.resolve("/actuator/health/readiness")).build();
        await("node " + name + " ready").atMost(max).pollInterval(Duration.ofMillis(200)).until(() -> {
            if (!process.isAlive()) throw new IllegalStateException("node " + name + " exited; see target/cluster-node-" + name + ".log");
            try {
                return http.send(readiness, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException e) {
                return false; // not listening yet
            }
        });
    }

    URI uri() {
        return uri;
    }

    CallboardClient login(String email, String password) {
        return CallboardClient.login(uri, email, password);
    }

    /** A user (with {@link #PASSWORD}) connected to this node as one device. */
    CallboardSession connect(String email, String deviceId) {
        return login(email, PASSWORD).connect(SessionOptions.builder().deviceId(deviceId).build())
                .orTimeout(10, TimeUnit.SECONDS).join();
    }

    CallboardClient root() {
        return login(ROOT, ROOT_PASSWORD);
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /** SIGKILL: no shutdown hook runs, the lease is not given up, sockets just die. */
    void kill() {
        if (process == null) throw new IllegalStateException("only a separate-process node can be killed");
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** SIGTERM, as a deploy or Kubernetes stops a pod; waits for the process to end and returns how long that took. */
    Duration terminate() {
        if (process == null) throw new IllegalStateException("only a separate-process node can be terminated");
        long sent = System.nanoTime();
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) throw new IllegalStateException("node " + name + " did not stop within 30 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Duration.ofNanos(System.nanoTime() - sent);
    }

    @Override
    public void close() {
        if (context != null) context.close();
        if (process != null && process.isAlive()) kill();
    }
}
