package dev.callboard.presence;

import com.zaxxer.hikari.HikariDataSource;
import dev.callboard.directory.UserRepository;
import dev.callboard.identity.Role;
import dev.callboard.support.FreezableProxy;
import dev.callboard.support.Migrated;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The write-behind against a real PostgreSQL behind a proxy that stops forwarding: a row that could
 * not be written while the database hung is written once it answers again, not dropped.
 */
class PresenceStatusWriterIT {

    @Test
    void aRowThatFailsDuringAnOutageIsWrittenOnceTheDatabaseAnswers() throws Exception {
        try (Migrated db = new Migrated()) {
            UUID user = new UserRepository(db.jdbc).create("ada@writer.test", "Ada", Role.ADMIN, null, "unused").id();
            URI target = URI.create(db.dataSource.getJdbcUrl().substring("jdbc:".length()));
            try (FreezableProxy proxy = new FreezableProxy(target.getHost(), target.getPort());
                 HikariDataSource proxied = behind(proxy, db.dataSource.getJdbcUrl(), target)) {
                PresenceStatusWriter writer = new PresenceStatusWriter(new PresenceStore(JdbcClient.create(proxied)), Clock.systemUTC());
                try {
                    proxy.freeze();
                    writer.enqueue(new PresenceStore.StatusRow(user, PresenceStatus.OFFLINE, Instant.now(), null));
                    // each attempt gives up after the 1 s socket timeout; several fail meanwhile
                    await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4))
                            .until(() -> stored(db, user) == null && writer.isPending(user));
                    proxy.thaw();

                    await().atMost(Duration.ofSeconds(15)).until(() -> "offline".equals(stored(db, user)));
                    await().atMost(Duration.ofSeconds(5)).until(() -> !writer.isPending(user));
                } finally {
                    writer.close();
                }
            }
        }
    }

    private static HikariDataSource behind(FreezableProxy proxy, String url, URI target) {
        HikariDataSource proxied = new HikariDataSource();
        proxied.setJdbcUrl(url.replace(target.getHost() + ":" + target.getPort(), "127.0.0.1:" + proxy.port()));
        proxied.setMaximumPoolSize(2);
        proxied.setConnectionTimeout(1_000);
        proxied.addDataSourceProperty("socketTimeout", "1");
        proxied.addDataSourceProperty("connectTimeout", "1");
        return proxied;
    }

    private static String stored(Migrated db, UUID user) {
        return db.jdbc.sql("SELECT status FROM user_presence WHERE user_id = ?").param(user).query(String.class).optional().orElse(null);
    }
}
