package dev.callboard.presence;

import dev.callboard.cluster.EventBus;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

@Configuration(proxyBeanMethods = false)
public class PresenceConfiguration {

    @Bean(destroyMethod = "close")
    PresenceStatusWriter presenceStatusWriter(PresenceStore store, Clock clock) {
        return new PresenceStatusWriter(store, clock);
    }

    @Bean
    PresenceEngine presenceEngine(PresenceStore store, PresenceStatusWriter writer, EventBus bus,
                                  PresenceProperties properties, DeviceDropListener dropListener, Clock clock) {
        return new PresenceEngine(store, writer, new PresencePublisher(bus), properties.thresholds(), dropListener, clock);
    }

    @Bean(destroyMethod = "close")
    PresenceSweeper presenceSweeper(PresenceEngine engine, PresenceProperties properties) {
        return new PresenceSweeper(engine, properties.sweepIntervalOrDefault());
    }
}
