package dev.callboard.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;

/**
 * The embedded PostgreSQL, started safe for real use: a password (SCRAM) generated at the first
 * start and kept beside the data ({@code <dir>.password}, mode 0600), only 127.0.0.1 and no Unix
 * socket, {@code fsync} and {@code synchronous_commit} on (the library's test defaults turn both
 * off), and a watchdog process that stops the server when this JVM dies, even by {@code kill -9}.
 * A data directory made before passwords existed gets one at its next start.
 */
final class EmbeddedPostgresServer {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    static final String USER = "postgres";
    private static final String HBA = """
            # Written by Callboard at every start: password (SCRAM) for everyone, on 127.0.0.1 only.
            host all all 127.0.0.1/32 scram-sha-256
            """;

    private EmbeddedPostgresServer() {}

    /** The server, and the watchdog that stops it if this JVM dies. */
    record Started(EmbeddedPostgres postgres, Process watchdog) {}

    static Started start(Path dir, int port) throws IOException {
        Files.createDirectories(dir);
        Path passwordFile = passwordFile(dir);
        boolean initialized = Files.exists(dir.resolve("PG_VERSION"));
        boolean hasPassword = Files.exists(passwordFile);

        EmbeddedPostgres postgres;
        if (initialized && !hasPassword) {
            // Made before passwords: still trust. The password file appears only once the password is
            // set, so a start that fails half-way is simply tried again by the next one.
            Path pending = passwordFile.resolveSibling(passwordFile.getFileName() + ".new");
            Files.deleteIfExists(pending);
            writePassword(pending);
            postgres = builder(dir, port).start();
            protect(postgres, Files.readString(pending, StandardCharsets.UTF_8).strip(), dir);
            Files.move(pending, passwordFile, StandardCopyOption.ATOMIC_MOVE);
        } else {
            if (!hasPassword) writePassword(passwordFile);
            String password = Files.readString(passwordFile, StandardCharsets.UTF_8).strip();
            EmbeddedPostgres.Builder builder = builder(dir, port).setConnectConfig("password", password);
            if (!initialized) {
                // initdb's own options (the builder passes these as --name=value after its -A trust)
                builder.setLocaleConfig("auth", "scram-sha-256").setLocaleConfig("pwfile", passwordFile.toString());
            }
            postgres = builder.start();
            if (!initialized) Files.writeString(dir.resolve("pg_hba.conf"), HBA); // read at the next start
        }
        return new Started(postgres, Watchdog.start(dir));
    }

    static Path passwordFile(Path dir) {
        return dir.resolveSibling(dir.getFileName() + ".password");
    }

    static String password(Path dir) throws IOException {
        return Files.readString(passwordFile(dir), StandardCharsets.UTF_8).strip();
    }

    private static EmbeddedPostgres.Builder builder(Path dir, int port) {
        return EmbeddedPostgres.builder()
                .setDataDirectory(dir)
                .setCleanDataDirectory(false)
                // Stopped by the Spring context, last (EmbeddedDatabase is closed after everything that
                // writes to it); a JVM hook of its own would stop it while presence is still flushing.
                .setRegisterShutdownHook(false)
                .setPort(port)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("unix_socket_directories", "")
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on");
    }

    private static void writePassword(Path file) throws IOException {
        byte[] secret = new byte[24];
        new SecureRandom().nextBytes(secret);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file); // not a POSIX file system
        }
        Files.writeString(file, password + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
    }

    /** A data directory from before passwords: give the superuser its password, then require it. */
    private static void protect(EmbeddedPostgres postgres, String password, Path dir) throws IOException {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("SET password_encryption = 'scram-sha-256'");
            s.execute("ALTER USER " + USER + " PASSWORD '" + password + "'"); // base64url: no quote can occur
            Files.writeString(dir.resolve("pg_hba.conf"), HBA);
            s.execute("SELECT pg_reload_conf()");
        } catch (SQLException e) {
            throw new IOException("could not set the embedded database's password", e);
        }
        log.info("The embedded database now requires a password (kept in {})", passwordFile(dir));
    }
}
