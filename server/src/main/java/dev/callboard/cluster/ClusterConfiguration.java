package dev.callboard.cluster;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.context.SmartLifecycle;

import java.time.Clock;

/** Cluster mode, switched on by {@code CALLBOARD_REDIS_URL}; without it these beans do not exist. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${callboard.cluster.redis-url:}' != ''")
public class ClusterConfiguration {

    @Bean(destroyMethod = "close")
    RedisCluster redisCluster(ClusterProperties properties) {
        return new RedisCluster(properties);
    }

    @Bean
    @Primary
    RedisEventBus redisEventBus(RedisCluster redis, ClusterWire wire, LocalEventBus local) {
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

    /** The lease starts ticking after every bean (and so every {@link ClusterListener}) exists. */
    @Bean
    SmartLifecycle nodeLeaseStarter(NodeLease lease) {
        return new SmartLifecycle() {
            private volatile boolean running;

            @Override
            public void start() {
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
