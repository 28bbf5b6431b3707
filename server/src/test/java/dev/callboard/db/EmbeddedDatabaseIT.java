package dev.callboard.db;

import dev.callboard.client.CallboardClient;
import dev.callboard.support.ServerProcess;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The one-command run as a user gets it: the packaged jar in its own JVM, its embedded PostgreSQL
 * under a data directory. The database needs a password, listens on 127.0.0.1 only, keeps what it
 * committed, and stops when the JVM is killed with SIGKILL; the next start finds the data intact.
 */
class EmbeddedDatabaseIT {
    @Test
    void theDatabaseIsLockedDurableAndDiesWithItsJvm() throws Exception {
        ServerProcess server = ServerProcess.inNewDirectory("embedded-db-it");
        Path data = server.data();
        Process first = server.start();
        try {
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
            assertThat(CallboardClient.login(server.uri(), "alice@callboard.local", "callboard-demo").me()).isNotNull();

            first.destroyForcibly(); // SIGKILL: no shutdown hook runs
            first.waitFor();
            await().atMost(Duration.ofSeconds(30)).until(() -> ProcessHandle.of(postmaster).map(p -> !p.isAlive()).orElse(true));
        } finally {
            first.destroyForcibly();
        }

        Process second = server.start();
        try {
            assertThat(CallboardClient.login(server.uri(), "alice@callboard.local", "callboard-demo").me())
                    .as("the same data after the kill").isNotNull();
        } finally {
            second.destroy();
            second.waitFor();
        }
    }

    @Test
    void aDataDirectoryFromBeforePasswordsGetsOne() throws Exception {
        ServerProcess server = ServerProcess.inNewDirectory("embedded-db-it");
        Path data = server.data();
        Files.createDirectories(data);
        try (EmbeddedPostgres old = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).start()) {
            assertThat(old.getPort()).isPositive(); // made the way earlier versions made it: trust
        }
        Process process = server.start();
        try {
            int pgPort = Integer.parseInt(Files.readAllLines(data.resolve("postmaster.pid")).get(3).strip());
            assertThat(data.resolveSibling("postgres.password")).exists();
            assertThatThrownBy(() -> DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pgPort + "/postgres?user=postgres"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("password");
        } finally {
            process.destroy();
            process.waitFor();
        }
    }

    private static String setting(Statement s, String name) throws SQLException {
        try (ResultSet rs = s.executeQuery("SHOW " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
