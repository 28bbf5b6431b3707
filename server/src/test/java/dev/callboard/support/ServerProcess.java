package dev.callboard.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;

/**
 * Callboard as a user runs it: the packaged jar in its own JVM, in a working directory of its own,
 * with the embedded PostgreSQL (so demo mode is on), so that a test can stop it with SIGTERM or kill
 * it with SIGKILL. Its output goes to {@code server.log} in that directory.
 */
public final class ServerProcess {
    private static final Duration START = Duration.ofSeconds(90);

    private final Path work;
    private final Path data;
    private final int port;

    private ServerProcess(Path work, int port) {
        this.work = work;
        this.data = work.resolve("data/postgres");
        this.port = port;
    }

    /**
     * A fresh working directory under target/, not a JUnit temp directory: those are mode 0700, and
     * run as root the embedded PostgreSQL runs as another user, which must reach its data directory.
     */
    public static ServerProcess inNewDirectory(String label) throws IOException {
        Path work = Files.createDirectories(Path.of("target", label, UUID.randomUUID().toString())).toAbsolutePath();
        try (ServerSocket s = new ServerSocket(0)) {
            return new ServerProcess(work, s.getLocalPort());
        }
    }

    public Path data() {
        return data;
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Starts the jar (with these extra {@code --name=value} arguments) and waits until it is ready. */
    public Process start(String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-jar", serverJar().toAbsolutePath().toString(), "--server.port=" + port,
                "--callboard.database.embedded-dir=" + data));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve("server.log").toFile()));
        builder.environment().remove("DATABASE_URL");
        builder.environment().remove("CALLBOARD_REDIS_URL");
        Process process = builder.start();
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest readiness = HttpRequest.newBuilder(uri().resolve("/actuator/health/readiness")).build();
        await().atMost(START).pollInterval(Duration.ofMillis(250))
                .alias("the server in its own JVM is ready (its log: " + work.resolve("server.log") + ")")
                .until(() -> {
                    if (!process.isAlive()) throw new IllegalStateException("the server exited: see " + work.resolve("server.log"));
                    try {
                        return http.send(readiness, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                    } catch (IOException e) {
                        return false;
                    }
                });
        return process;
    }

    public String log() throws IOException {
        return Files.readString(work.resolve("server.log"));
    }

    private static Path serverJar() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(p -> p.getFileName().toString().matches("callboard-server-.*-SNAPSHOT\\.jar"))
                    .findFirst().orElseThrow(() -> new IllegalStateException("no server jar in target/: run 'mvn package'"));
        }
    }
}
