package dev.callboard.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import javax.sql.DataSource;

/**
 * One DataSource, from {@code DATABASE_URL} when given, otherwise from an embedded PostgreSQL
 * whose data lives under {@code ./data/} so that a laptop install keeps its data across restarts.
 */
@Configuration(proxyBeanMethods = false)
public class DatabaseConfiguration {
    private static final Logger log = LoggerFactory.getLogger(DatabaseConfiguration.class);

    @Bean(destroyMethod = "close")
    public EmbeddedDatabase embeddedDatabase(DatabaseProperties properties) throws IOException {
        if (!properties.embedded()) {
            return EmbeddedDatabase.NONE;
        }
        Path dir = Path.of(properties.embeddedDir()).toAbsolutePath().normalize();
        EmbeddedPostgresServer.Started started = EmbeddedPostgresServer.start(dir, properties.embeddedPort());
        log.info("Embedded PostgreSQL started on 127.0.0.1:{} with its data in {} (password in {})",
                started.postgres().getPort(), dir, EmbeddedPostgresServer.passwordFile(dir));
        return new EmbeddedDatabase(started.postgres(), EmbeddedPostgresServer.password(dir), started.watchdog());
    }

    @Bean
    public StatementCounter statementCounter() {
        return new StatementCounter();
    }

    /** Counted as {@code callboard.db.statements}, which the benchmark reads before and after a run. */
    @Bean
    public FunctionCounter statementCounterMetric(StatementCounter counter, MeterRegistry registry) {
        return FunctionCounter.builder("callboard.db.statements", counter, StatementCounter::count)
                .description("SQL statements executed by the server").register(registry);
    }

    /** Three quarters of the pool for request bursts; the rest stays for the write-behind and the sweepers. */
    @Bean
    public DatabaseGate databaseGate(DatabaseProperties properties, Clock clock) {
        return new DatabaseGate(Math.max(1, properties.poolSize() * 3 / 4), clock);
    }

    @Bean(destroyMethod = "close")
    public DataSource dataSource(DatabaseProperties properties, EmbeddedDatabase embedded, StatementCounter counter) {
        return counter.wrap(hikari(properties, embedded));
    }

    private static HikariDataSource hikari(DatabaseProperties properties, EmbeddedDatabase embedded) {
        HikariConfig config = new HikariConfig();
        if (properties.embedded()) {
            config.setJdbcUrl(embedded.jdbcUrl());
            config.setUsername(EmbeddedPostgresServer.USER);
            config.setPassword(embedded.password);
        } else {
            DatabaseUrl url = DatabaseUrl.parse(properties.url());
            config.setJdbcUrl(url.jdbcUrl());
            if (url.username() != null) config.setUsername(url.username());
            if (url.password() != null) config.setPassword(url.password());
        }
        config.setMaximumPoolSize(properties.poolSize());
        // Fail fast when PostgreSQL hangs: a request waits at most 2 s for a connection, a statement
        // at most queryTimeout for an answer; then it gets 503 database_unavailable, and readiness
        // goes DOWN, instead of every thread waiting 30 s. Everything recovers by itself.
        config.setConnectionTimeout(2_000);
        config.setValidationTimeout(1_000);
        config.addDataSourceProperty("connectTimeout", "2");
        config.addDataSourceProperty("socketTimeout", Long.toString(properties.queryTimeout().toSeconds()));
        // The server gives up too, so a statement the client abandoned holds no lock afterwards.
        config.addDataSourceProperty("options", "-c statement_timeout=" + properties.queryTimeout().toMillis());
        config.setPoolName("callboard");
        return new HikariDataSource(config);
    }

    /** Owns the embedded server's lifetime; {@link #NONE} when an external database is used. */
    public static final class EmbeddedDatabase implements AutoCloseable {
        static final EmbeddedDatabase NONE = new EmbeddedDatabase(null, null, null);
        private final EmbeddedPostgres postgres;
        private final String password;
        private final Process watchdog;

        EmbeddedDatabase(EmbeddedPostgres postgres, String password, Process watchdog) {
            this.postgres = postgres;
            this.password = password;
            this.watchdog = watchdog;
        }

        String jdbcUrl() {
            return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres";
        }

        @Override
        public void close() throws IOException {
            try {
                if (postgres != null) postgres.close();
            } finally {
                if (watchdog != null) watchdog.destroy(); // stopped cleanly: nothing left to watch
            }
        }
    }

}
