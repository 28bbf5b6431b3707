package dev.callboard.presence;

import dev.callboard.cluster.ClusterListener;
import dev.callboard.cluster.ClusterWire;
import dev.callboard.cluster.EventBus;
import dev.callboard.cluster.RedisCluster;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.util.Set;
import java.util.UUID;

@Configuration(proxyBeanMethods = false)
public class PresenceConfiguration {

    @Bean(destroyMethod = "close")
    PresenceStatusWriter presenceStatusWriter(PresenceStore store, Clock clock) {
        return new PresenceStatusWriter(store, clock);
    }

    /** In this process, or in Redis when cluster mode is on. */
    @Bean
    PresenceStates presenceStates(PresenceStore store, PresenceStatusWriter writer, EventBus bus, Clock clock,
                                  ObjectProvider<RedisCluster> cluster, ObjectProvider<ClusterWire> wire) {
        RedisCluster redis = cluster.getIfAvailable();
        if (redis == null) return new LocalPresenceStates(LocalPresenceStates.NODE, store, writer, bus);
        var fallback = new LocalPresenceStates(redis.nodeId(), store, writer, bus);
        return new RedisPresenceStates(redis, wire.getObject(), fallback, store, writer, clock);
    }

    @Bean
    PresenceEngine presenceEngine(PresenceStates states, PresenceStore store, PresenceStatusWriter writer,
                                  PresenceProperties properties, DeviceDropListener dropListener, Clock clock,
                                  ObjectProvider<RedisCluster> cluster) {
        PresenceEngine engine = new PresenceEngine(states, store, writer, properties.thresholds(), dropListener, clock);
        if (states instanceof RedisPresenceStates shared) {
            shared.attach(engine);
            cluster.getObject().addListener(new ClusterListener() {
                @Override
                public void nodeGone(String node, Set<UUID> users) {
                    engine.nodeGone(node, users);
                }

                @Override
                public boolean resync() {
                    return shared.resync();
                }

                @Override
                public void redisLost() {
                    shared.degraded();
                }
            });
        }
        return engine;
    }

    @Bean(destroyMethod = "close")
    PresenceSweeper presenceSweeper(PresenceEngine engine, PresenceProperties properties) {
        return new PresenceSweeper(engine, properties.sweepIntervalOrDefault());
    }
}
