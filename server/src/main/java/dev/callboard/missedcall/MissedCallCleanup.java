package dev.callboard.missedcall;

import dev.callboard.db.BackgroundFailures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

import java.time.Clock;

/** Deletes missed-call records older than the retention, on a schedule. */
@Configuration(proxyBeanMethods = false)
public class MissedCallCleanup implements SchedulingConfigurer {
    private static final Logger log = LoggerFactory.getLogger(MissedCallCleanup.class);
    private final BackgroundFailures failures = new BackgroundFailures(log, "The missed-call cleanup");

    private final MissedCallRepository repository;
    private final MissedCallProperties properties;
    private final Clock clock;

    public MissedCallCleanup(MissedCallRepository repository, MissedCallProperties properties, Clock clock) {
        this.repository = repository;
        this.properties = properties;
        this.clock = clock;
    }

    /** @return how many records were deleted */
    public int cleanUp() {
        return repository.deleteAttemptedBefore(clock.instant().minus(properties.retention()));
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(() -> {
            try {
                int n = cleanUp();
                if (n > 0) log.info("Deleted {} missed-call record(s) older than {}", n, properties.retention());
                failures.succeeded();
            } catch (RuntimeException e) {
                failures.failed(e);
            }
        }, properties.cleanupInterval());
    }
}
