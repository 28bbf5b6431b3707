package dev.callboard.cluster;

import dev.callboard.messaging.EventCodec;
import dev.callboard.messaging.LocalDelivery;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

import java.time.Clock;

/** Cluster mode, switched on by {@code CALLBOARD_REDIS_URL}; without it these beans do not exist. */
@Configuration(proxyBeanMethods = false)
@ClusterMode
public class ClusterConfiguration {

    @Bean(destroyMethod = "close")
    RedisCluster redisCluster(ClusterProperties properties, Clock clock) {
        return new RedisCluster(properties, clock);
    }

    @Bean
    @Primary
    RedisEventBus redisEventBus(RedisCluster redis, ClusterWire wire, LocalDelivery local) {
        return new RedisEventBus(redis, wire, local);
    }

    @Bean
    ClusterWire clusterWire(EventCodec codec) {
        return new ClusterWire(codec);
    }

    @Bean(destroyMethod = "close")
    NodeLease nodeLease(RedisCluster redis, ClusterProperties properties, MeterRegistry meters, Clock clock) {
        NodeLease lease = new NodeLease(redis, properties, clock);
        Gauge.builder("callboard.cluster.redis.available", redis, r -> r.isAvailable() ? 1 : 0)
                .description("1 while this node reaches Redis; 0 while it serves only its own users").register(meters);
        Gauge.builder("callboard.cluster.nodes", lease, NodeLease::liveNodes)
                .description("nodes registered in the cluster, this one included").register(meters);
        FunctionCounter.builder("callboard.cluster.nodes.reaped", lease, NodeLease::nodesReaped)
                .description("dead nodes whose devices this node removed").register(meters);
        return lease;
    }

    /**
     * Once every bean exists: every {@link ClusterListener} is registered, in {@code @Order} order,
     * then the lease starts ticking (so no dead node is reaped unheard).
     */
    @Bean
    SmartLifecycle nodeLeaseStarter(NodeLease lease, RedisCluster redis, ObjectProvider<ClusterListener> listeners) {
        return new SmartLifecycle() {
            private volatile boolean running;

            @Override
            public void start() {
                listeners.orderedStream().forEach(redis::addListener);
                lease.start();
                running = true;
            }

            @Override
            public void stop() {
                running = false;
            }

            @Override
            public boolean isRunning() {
                return running;
            }
        };
    }

    /**
     * Part of {@code /actuator/health}, not of readiness: a node without Redis still serves the users
     * connected to it, so a load balancer must not take every node out when Redis is down.
     */
    @Bean
    HealthIndicator redisHealthIndicator(RedisCluster redis) {
        return () -> redis.isAvailable()
                ? Health.up().withDetail("node", redis.nodeId()).build()
                : Health.down().withDetail("node", redis.nodeId()).withDetail("mode", "serving local users only").build();
    }
}
