package dev.callboard.support;

import org.springframework.boot.test.context.SpringBootTest;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base for tests that run the whole server on a random port against a fresh real PostgreSQL.
 * Subclasses may add {@code @TestPropertySource} to shorten thresholds; each distinct
 * configuration gets its own application context and therefore its own database. Cached contexts
 * keep their connection pools open, so each pool is small: with the default 16 a handful of
 * contexts exhausts a shared PostgreSQL's 100 connections.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"callboard.demo.enabled=false", "callboard.database.pool-size=4",
                // no graceful wait for open WebSockets when cached contexts close at JVM exit
                "server.shutdown=immediate"})
public abstract class IntegrationTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        // One database per application context: the supplier may be called more than once.
        AtomicReference<String> url = new AtomicReference<>();
        registry.add("callboard.database.url",
                () -> url.updateAndGet(u -> u != null ? u : TestDatabase.createDatabase()));
    }
}
