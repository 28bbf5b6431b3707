package dev.callboard.call;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/** Runs the ring-timeout sweeper at the configured interval. */
@Configuration(proxyBeanMethods = false)
public class CallScheduling implements SchedulingConfigurer {
    private final RingTimeoutSweeper sweeper;
    private final CallProperties properties;

    public CallScheduling(RingTimeoutSweeper sweeper, CallProperties properties) {
        this.sweeper = sweeper;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(sweeper::sweepQuietly, properties.sweepInterval());
    }
}
