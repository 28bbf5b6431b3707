package dev.callboard.db;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * @param url          external PostgreSQL ({@code DATABASE_URL}); blank means "start the embedded one"
 * @param embeddedDir  where the embedded PostgreSQL keeps its data between runs
 * @param embeddedPort fixed port for the embedded server, 0 for any free port
 * @param poolSize     JDBC connections in the pool
 * @param queryTimeout how long a statement may wait for PostgreSQL's answer before it fails (the
 *                     driver's socket timeout, whole seconds; default 2 s): a hung database gives
 *                     errors, not hung requests. Migrations run under it too.
 */
@ConfigurationProperties("callboard.database")
public record DatabaseProperties(String url, String embeddedDir, int embeddedPort, int poolSize, Duration queryTimeout) {
    public DatabaseProperties {
        if (embeddedDir == null || embeddedDir.isBlank()) embeddedDir = "./data/postgres";
        if (poolSize <= 0) poolSize = 16;
        if (queryTimeout == null || queryTimeout.toSeconds() < 1) queryTimeout = Duration.ofSeconds(2);
    }

    public boolean embedded() {
        return url == null || url.isBlank();
    }
}
