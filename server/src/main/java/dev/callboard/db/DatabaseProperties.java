package dev.callboard.db;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param url          external PostgreSQL ({@code DATABASE_URL}); blank means "start the embedded one"
 * @param embeddedDir  where the embedded PostgreSQL keeps its data between runs
 * @param embeddedPort fixed port for the embedded server, 0 for any free port
 * @param poolSize     JDBC connections in the pool
 */
@ConfigurationProperties("callboard.database")
public record DatabaseProperties(String url, String embeddedDir, int embeddedPort, int poolSize) {
    public DatabaseProperties {
        if (embeddedDir == null || embeddedDir.isBlank()) embeddedDir = "./data/postgres";
        if (poolSize <= 0) poolSize = 16;
    }

    public boolean embedded() {
        return url == null || url.isBlank();
    }
}
