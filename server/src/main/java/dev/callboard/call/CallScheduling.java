package dev.callboard.call;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/** Runs the ring-timeout and abandoned-call sweepers at the configured interval. */
@Configuration(proxyBeanMethods = false)
public class CallScheduling implements SchedulingConfigurer {
    private final RingTimeoutSweeper ringTimeouts;
    private final AbandonedCallSweeper abandoned;
    private final CallProperties properties;

    public CallScheduling(RingTimeoutSweeper ringTimeouts, AbandonedCallSweeper abandoned, CallProperties properties) {
        this.ringTimeouts = ringTimeouts;
        this.abandoned = abandoned;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(ringTimeouts::sweepQuietly, properties.sweepInterval());
        registrar.addFixedDelayTask(abandoned::sweepQuietly, properties.sweepInterval());
    }
}
