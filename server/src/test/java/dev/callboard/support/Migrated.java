package dev.callboard.support;

import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A fresh, migrated real database without a Spring context, for fast repository and race tests. */
public final class Migrated implements AutoCloseable {
    public final HikariDataSource dataSource;
    public final JdbcClient jdbc;

    public Migrated() {
        dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(TestDatabase.createDatabase());
        dataSource.setMaximumPoolSize(8);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        jdbc = JdbcClient.create(dataSource);
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
