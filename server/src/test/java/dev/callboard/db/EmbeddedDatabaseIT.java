package dev.callboard.db;

import dev.callboard.client.CallboardClient;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The one-command run as a user gets it: the packaged jar in its own JVM, its embedded PostgreSQL
 * under a data directory. The database needs a password, listens on 127.0.0.1 only, keeps what it
 * committed, and stops when the JVM is killed with SIGKILL; the next start finds the data intact.
 */
class EmbeddedDatabaseIT {
    private static final Duration START = Duration.ofSeconds(90);

    @Test
    void theDatabaseIsLockedDurableAndDiesWithItsJvm() throws Exception {
        Path work = workDirectory();
        Path data = work.resolve("data/postgres");
        int port = freePort();
        Process first = start(work, data, port);
        try {
            awaitReady(port);
            Path passwordFile = data.resolveSibling("postgres.password");
            assertThat(Files.getPosixFilePermissions(passwordFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            List<String> pid = Files.readAllLines(data.resolve("postmaster.pid"));
            long postmaster = Long.parseLong(pid.get(0).strip());
            int pgPort = Integer.parseInt(pid.get(3).strip());

            assertThatThrownBy(() -> DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pgPort + "/postgres?user=postgres"))
                    .as("no password, no entry").isInstanceOf(SQLException.class).hasMessageContaining("password");
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pgPort + "/postgres",
                    "postgres", Files.readString(passwordFile).strip()); Statement s = c.createStatement()) {
                assertThat(setting(s, "fsync")).isEqualTo("on");
                assertThat(setting(s, "synchronous_commit")).isEqualTo("on");
                assertThat(setting(s, "listen_addresses")).isEqualTo("127.0.0.1");
            }
            // Something the user was told happened: the demo accounts exist, alice can sign in.
            assertThat(CallboardClient.login(URI.create("http://127.0.0.1:" + port), "alice@callboard.local", "callboard-demo").me())
                    .isNotNull();

            first.destroyForcibly(); // SIGKILL: no shutdown hook runs
            first.waitFor();
            await().atMost(Duration.ofSeconds(30)).until(() -> ProcessHandle.of(postmaster).map(p -> !p.isAlive()).orElse(true));
        } finally {
            first.destroyForcibly();
        }

        Process second = start(work, data, port);
        try {
            awaitReady(port);
            assertThat(CallboardClient.login(URI.create("http://127.0.0.1:" + port), "alice@callboard.local", "callboard-demo").me())
                    .as("the same data after the kill").isNotNull();
        } finally {
            second.destroy();
            second.waitFor();
        }
    }

    @Test
    void aDataDirectoryFromBeforePasswordsGetsOne() throws Exception {
        Path work = workDirectory();
        Path data = work.resolve("data/postgres");
        Files.createDirectories(data);
        try (EmbeddedPostgres old = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).start()) {
            assertThat(old.getPort()).isPositive(); // made the way earlier versions made it: trust
        }
        int port = freePort();
        Process server = start(work, data, port);
        try {
            awaitReady(port);
            int pgPort = Integer.parseInt(Files.readAllLines(data.resolve("postmaster.pid")).get(3).strip());
            assertThat(data.resolveSibling("postgres.password")).exists();
            assertThatThrownBy(() -> DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pgPort + "/postgres?user=postgres"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("password");
        } finally {
            server.destroy();
            server.waitFor();
        }
    }

    /**
     * Under target/, not a JUnit temp directory: those are mode 0700, and run as root the embedded
     * PostgreSQL runs as another user, which must reach its data directory.
     */
    private static Path workDirectory() throws IOException {
        return Files.createDirectories(Path.of("target", "embedded-db-it", UUID.randomUUID().toString())).toAbsolutePath();
    }

    private static String setting(Statement s, String name) throws SQLException {
        try (ResultSet rs = s.executeQuery("SHOW " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static Process start(Path work, Path data, int port) throws IOException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-jar", serverJar().toAbsolutePath().toString(), "--server.port=" + port, "--callboard.database.embedded-dir=" + data));
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve("server.log").toFile()));
        builder.environment().remove("DATABASE_URL");
        builder.environment().remove("CALLBOARD_REDIS_URL");
        return builder.start();
    }

    private static void awaitReady(int port) {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest readiness = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness")).build();
        await().atMost(START).pollInterval(Duration.ofMillis(250)).alias("the server in its own JVM is ready (its log: target/embedded-db-it/*/server.log)").until(() -> {
            try {
                return http.send(readiness, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            }
        });
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static Path serverJar() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(p -> p.getFileName().toString().matches("callboard-server-.*-SNAPSHOT\\.jar"))
                    .findFirst().orElseThrow(() -> new IllegalStateException("no server jar in target/: run 'mvn package'"));
        }
    }
}
