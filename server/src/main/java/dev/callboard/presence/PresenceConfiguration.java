package dev.callboard.presence;

import dev.callboard.cluster.ClusterListener;
import dev.callboard.cluster.ClusterMode;
import dev.callboard.cluster.ClusterWire;
import dev.callboard.cluster.RedisCluster;
import dev.callboard.messaging.EventBus;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

import java.time.Clock;

@Configuration(proxyBeanMethods = false)
public class PresenceConfiguration {

    @Bean(destroyMethod = "close")
    PresenceStatusWriter presenceStatusWriter(PresenceStore store, Clock clock) {
        return new PresenceStatusWriter(store, clock);
    }

    @Bean
    PresenceRecomputer presenceRecomputer(PresenceProperties properties, Clock clock) {
        return new PresenceRecomputer(properties.thresholds(), clock);
    }

    /** Single node: live presence in this process. */
    @Bean
    @ClusterMode.Off
    LocalPresenceStates localPresenceStates(PresenceStore store, PresenceStatusWriter writer, EventBus bus) {
        return new LocalPresenceStates(LocalPresenceStates.NODE, store, writer, bus);
    }

    /** Cluster mode: live presence in Redis, and this node's users on their own while Redis is away. */
    @Bean
    @ClusterMode
    RedisPresenceStates redisPresenceStates(RedisCluster redis, ClusterWire wire, PresenceStore store,
                                            PresenceStatusWriter writer, EventBus bus, PresenceRecomputer changes, Clock clock) {
        return RedisPresenceStates.create(redis, wire, store, writer, bus, changes, clock);
    }

    /** Registered with the cluster before the hello refresh (see {@link ClusterListener}). */
    @Bean
    @ClusterMode
    @Order(ClusterListener.STATE)
    PresenceClusterListener presenceClusterListener(PresenceEngine engine, RedisPresenceStates states) {
        return new PresenceClusterListener(engine, states.outage());
    }

    @Bean
    PresenceEngine presenceEngine(PresenceStates states, PresenceStore store, PresenceStatusWriter writer,
                                  PresenceRecomputer changes, DeviceDropListener dropListener) {
        return new PresenceEngine(states, store, writer, changes, dropListener);
    }

    @Bean(destroyMethod = "close")
    PresenceSweeper presenceSweeper(PresenceEngine engine, PresenceProperties properties) {
        return new PresenceSweeper(engine, properties.sweepIntervalOrDefault());
    }
}
