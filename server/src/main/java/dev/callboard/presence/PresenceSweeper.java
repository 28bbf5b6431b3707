package dev.callboard.presence;

import dev.callboard.db.BackgroundFailures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Runs {@link PresenceEngine#sweep()} on a fixed delay: silent devices, idle thresholds, expiries. */
public class PresenceSweeper implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PresenceSweeper.class);
    private final BackgroundFailures failures = new BackgroundFailures(log, "The presence sweep");
    private final ScheduledExecutorService executor =
            Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("presence-sweeper").daemon().factory());

    public PresenceSweeper(PresenceEngine engine, Duration interval) {
        long millis = interval.toMillis();
        executor.scheduleWithFixedDelay(() -> {
            try {
                engine.sweep();
                failures.succeeded();
            } catch (RuntimeException e) {
                failures.failed(e);
            }
        }, millis, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
