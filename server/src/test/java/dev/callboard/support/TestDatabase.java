package dev.callboard.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A real PostgreSQL for tests: the server named by {@code CALLBOARD_TEST_DATABASE_URL}
 * (a {@code jdbc:postgresql://host:port/db?user=...} URL), or one embedded PostgreSQL per test JVM.
 * Each call to {@link #createDatabase()} gives a fresh, empty database so tests never share state.
 */
public final class TestDatabase {
    private static final long KEEP_SECONDS = 3600;
    private static String adminUrl;
    private static boolean swept;

    private TestDatabase() {}

    /** @return a JDBC URL (with credentials) of a brand-new database */
    public static synchronized String createDatabase() {
        String admin = adminUrl();
        long now = System.currentTimeMillis() / 1000;
        String name = "cb_" + now + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(admin); Statement s = c.createStatement()) {
            if (!swept) dropOldDatabases(s, now);
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database on " + admin, e);
        }
        return replaceDatabase(admin, name);
    }

    /**
     * Test databases are not dropped when a run ends (the servers using them close later, at JVM
     * exit). Instead each run drops those older than an hour: no suite runs that long, so none of
     * them is still in use.
     */
    private static void dropOldDatabases(Statement s, long now) throws SQLException {
        swept = true;
        java.util.List<String> old = new java.util.ArrayList<>();
        try (var rs = s.executeQuery("SELECT datname FROM pg_database WHERE datname ~ '^cb_[0-9]+_[0-9a-f]+$'")) {
            while (rs.next()) {
                String name = rs.getString(1);
                if (now - Long.parseLong(name.split("_")[1]) > KEEP_SECONDS) old.add(name);
            }
        }
        for (String name : old) {
            try {
                s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            } catch (SQLException ignored) {
                // another run dropped it first
            }
        }
    }

    private static String adminUrl() {
        if (adminUrl != null) return adminUrl;
        String external = System.getenv("CALLBOARD_TEST_DATABASE_URL");
        if (external != null && !external.isBlank()) {
            adminUrl = external;
        } else {
            try {
                EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try { pg.close(); } catch (IOException ignored) { }
                }));
                adminUrl = pg.getJdbcUrl("postgres", "postgres");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return adminUrl;
    }

    static String replaceDatabase(String jdbcUrl, String database) {
        int start = jdbcUrl.indexOf('/', "jdbc:postgresql://".length());
        int query = jdbcUrl.indexOf('?', start);
        String tail = query < 0 ? "" : jdbcUrl.substring(query);
        return jdbcUrl.substring(0, start + 1) + database + tail;
    }
}
