package dev.callboard.cluster;

import io.lettuce.core.SetArgs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * This node's lease in Redis, and the watch for dead nodes. Every {@code leaseRenew} the node
 * renews its lease (expiring after {@code leaseTtl}) and looks for nodes whose lease has expired;
 * one survivor claims each dead node and has its devices removed. So a killed node's users go
 * offline within {@code leaseTtl + leaseRenew} (20 s by default) plus the time to recompute them.
 * A renewal that finds its own lease gone (Redis restarted empty, or this node was paused so long
 * that it was presumed dead), or that succeeds after Redis was down, triggers a resync.
 */
public final class NodeLease implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(NodeLease.class);

    private final RedisCluster redis;
    private final Duration ttl;
    private final Duration renewEvery;
    private final ScheduledExecutorService executor =
            Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("cluster-lease").daemon().factory());
    private final AtomicLong nodesReaped = new AtomicLong();
    private volatile int liveNodes;

    public NodeLease(RedisCluster redis, ClusterProperties properties) {
        this.redis = redis;
        this.ttl = properties.leaseTtl();
        this.renewEvery = properties.leaseRenew();
        try {
            renew(false);
        } catch (RuntimeException e) {
            redis.unavailable(e);
        }
    }

    /** Starts renewing and watching, once every listener is registered (so no dead node is reaped unheard). */
    public void start() {
        log.info("Cluster mode: this is node {}; lease {} ms, renewed every {} ms", redis.nodeId(), ttl.toMillis(), renewEvery.toMillis());
        long every = renewEvery.toMillis();
        executor.scheduleWithFixedDelay(this::tick, every, every, TimeUnit.MILLISECONDS);
    }

    /** Runs one renewal and dead-node check now (tests, and the scheduled tick). */
    public void tick() {
        try {
            boolean wasDown = !redis.isAvailable();
            boolean kept = renew(true);
            if (wasDown || !kept) {
                log.info(wasDown ? "Redis is back; resynchronising this node's devices" : "This node's lease was lost; resynchronising");
                redis.backAgain();
                for (ClusterListener l : redis.listeners()) l.resync();
                for (ClusterListener l : redis.listeners()) l.afterResync();
            }
            reapDeadNodes();
        } catch (RuntimeException e) {
            redis.unavailable(e);
        }
    }

    /** @return whether the lease was still there (always true for the first one) */
    private boolean renew(boolean mustExist) {
        String lease = redis.leaseKey(redis.nodeId());
        String value = Instant.now().toString();
        String ok = redis.commands().set(lease, value, mustExist ? SetArgs.Builder.xx().px(ttl.toMillis()) : SetArgs.Builder.px(ttl.toMillis()));
        redis.commands().sadd(redis.nodesKey(), redis.nodeId());
        if (ok == null) {
            redis.commands().set(lease, value, SetArgs.Builder.px(ttl.toMillis()));
            return false;
        }
        return true;
    }

    private void reapDeadNodes() {
        Set<String> nodes = redis.commands().smembers(redis.nodesKey());
        liveNodes = nodes.size();
        for (String node : nodes) {
            if (node.equals(redis.nodeId()) || redis.commands().exists(redis.leaseKey(node)) > 0) continue;
            // One survivor cleans up each dead node; the claim expires in case that survivor dies too.
            String claim = redis.commands().set(redis.key("node:" + node + ":reaper"), redis.nodeId(),
                    SetArgs.Builder.nx().px(ttl.toMillis() * 4));
            if (claim == null) continue;
            Set<UUID> users = new HashSet<>();
            for (String id : redis.commands().smembers(redis.nodeUsersKey(node))) users.add(UUID.fromString(id));
            log.info("Node {} stopped renewing its lease; removing the devices of its {} user(s)", node, users.size());
            for (ClusterListener l : redis.listeners()) l.nodeGone(node, users);
            redis.commands().del(redis.nodeUsersKey(node));
            redis.commands().srem(redis.nodesKey(), node);
            liveNodes--;
            nodesReaped.incrementAndGet();
        }
    }

    public long nodesReaped() {
        return nodesReaped.get();
    }

    /** Nodes in the cluster as of the last check, this one included. */
    public int liveNodes() {
        return liveNodes;
    }

    /** A graceful stop gives up the lease at once, so the others clean up without waiting for it to expire. */
    @Override
    public void close() {
        executor.shutdownNow();
        try {
            redis.commands().del(redis.leaseKey(redis.nodeId()));
        } catch (RuntimeException e) {
            log.debug("Could not give up the lease", e);
        }
    }
}
