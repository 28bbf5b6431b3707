package dev.callboard.cluster;

import io.lettuce.core.RedisException;
import io.lettuce.core.SetArgs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * This node's lease in Redis, and the watch for dead nodes. Every {@code leaseRenew} the node
 * renews its lease (expiring after {@code leaseTtl}) and looks for nodes whose lease has expired;
 * one survivor claims each dead node and has its devices removed. So a killed node's users go
 * offline within {@code leaseTtl + leaseRenew} (20 s by default) plus the time to recompute them.
 * A renewal that finds its own lease gone (Redis restarted empty, or this node was paused so long
 * that it was presumed dead), or that succeeds after Redis was down, triggers a resync.
 * <p>
 * Renewing is all the renewal thread does: resyncs and reaping can take seconds on a big node,
 * and must never make this node miss its own renewal. They run one at a time on a worker thread.
 */
public final class NodeLease implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(NodeLease.class);

    private final RedisCluster redis;
    private final Clock clock;
    private final Duration ttl;
    private final Duration renewEvery;
    private final ScheduledExecutorService renewer =
            Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("cluster-lease").daemon().factory());
    private final ExecutorService worker =
            Executors.newSingleThreadExecutor(Thread.ofPlatform().name("cluster-work").daemon().factory());
    private final AtomicBoolean working = new AtomicBoolean();
    /** After our lease was lost a reaper may still be removing our devices: put them back once more. */
    private volatile boolean resyncAgain;
    private final AtomicLong nodesReaped = new AtomicLong();
    private volatile int liveNodes;

    public NodeLease(RedisCluster redis, ClusterProperties properties, Clock clock) {
        this.redis = redis;
        this.clock = clock;
        this.ttl = properties.leaseTtl();
        this.renewEvery = properties.leaseRenew();
        try {
            renew(false);
        } catch (RedisException e) {
            redis.unavailable(e);
        }
    }

    /** Starts renewing and watching, once every listener is registered (so no dead node is reaped unheard). */
    public void start() {
        log.info("Cluster mode: this is node {}; lease {} ms, renewed every {} ms", redis.nodeId(), ttl.toMillis(), renewEvery.toMillis());
        long every = renewEvery.toMillis();
        renewer.scheduleWithFixedDelay(this::tick, every, every, TimeUnit.MILLISECONDS);
    }

    /** One renewal; then, on the worker, a resync if one is due, else a look for dead nodes. */
    public void tick() {
        try {
            boolean wasDown = !redis.isAvailable();
            if (!redis.connect()) return; // started without Redis, and it is still not there
            boolean kept = renew(true);
            if (wasDown || !kept || resyncAgain) {
                String why = wasDown ? "Redis is back" : kept ? "checking again after a lost lease" : "this node's lease was lost";
                if (onWorker(() -> recover(why))) resyncAgain = !kept;
                else if (!kept) resyncAgain = true;
            } else {
                onWorker(this::reapDeadNodes);
            }
        } catch (RedisException e) {
            redis.unavailable(e);
        } catch (RuntimeException e) {
            log.warn("Lease renewal failed", e);
        }
    }

    /** @return false when the previous task is still running (this one is skipped; the next tick asks again) */
    private boolean onWorker(Runnable task) {
        if (!working.compareAndSet(false, true)) return false;
        worker.execute(() -> {
            try {
                task.run();
            } catch (RedisException e) {
                redis.unavailable(e);
            } catch (RuntimeException e) {
                log.warn("Cluster task failed; will retry", e);
            } finally {
                working.set(false);
            }
        });
        return true;
    }

    private void recover(String why) {
        log.info("{}: resynchronising this node's devices", why);
        boolean done = true;
        for (ClusterListener l : redis.listeners()) done &= l.resync();
        if (!done) return; // Redis failed again: still unavailable, the next tick tries again
        redis.backAgain();
        for (ClusterListener l : redis.listeners()) l.afterResync();
    }

    /** @return whether the lease was still there (always true for the first one) */
    private boolean renew(boolean mustExist) {
        String lease = redis.leaseKey(redis.nodeId());
        String value = clock.instant().toString(); // for people reading Redis: when it was last renewed
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
            String claimKey = redis.key("node:" + node + ":reaper");
            String claim = redis.commands().set(claimKey, redis.nodeId(), SetArgs.Builder.nx().px(ttl.toMillis() * 4));
            if (claim == null) continue;
            if (reap(node)) {
                redis.commands().srem(redis.nodesKey(), node);
                liveNodes--;
                nodesReaped.incrementAndGet();
            } else {
                redis.commands().del(claimKey); // let the next look try again
            }
        }
    }

    /**
     * Removes the dead node's devices user by user, taking each user off its list only once that is
     * committed in Redis. Stops if the node renews its lease meanwhile (it was only paused: it puts
     * its own devices back) or if Redis fails (the change may have gone to this node's fallback).
     *
     * @return whether every user was done
     */
    private boolean reap(String node) {
        Set<String> users = redis.commands().smembers(redis.nodeUsersKey(node));
        log.info("Node {} stopped renewing its lease; removing the devices of its {} user(s)", node, users.size());
        for (String id : users) {
            if (redis.commands().exists(redis.leaseKey(node)) > 0) {
                log.info("Node {} renewed its lease again; leaving its devices to it", node);
                return false;
            }
            for (ClusterListener l : redis.listeners()) l.nodeGone(node, Set.of(UUID.fromString(id)));
            if (!redis.isAvailable()) return false;
            redis.commands().srem(redis.nodeUsersKey(node), id);
        }
        return true;
    }

    public long nodesReaped() {
        return nodesReaped.get();
    }

    /** Nodes in the cluster as of the last check, this one included. */
    public int liveNodes() {
        return liveNodes;
    }

    /**
     * A graceful stop gives up the lease at once. A node whose devices have all left (the gateway
     * closed its sockets first) also leaves the node set, so nobody reaps it like a crashed one; a
     * node that still lists users is left for the others to clean up at once.
     */
    @Override
    public void close() {
        renewer.shutdownNow();
        worker.shutdownNow();
        try {
            renewer.awaitTermination(redis.commandTimeout().toMillis(), TimeUnit.MILLISECONDS); // no renewal after the DEL
            if (redis.isAvailable() && redis.commands().scard(redis.nodeUsersKey(redis.nodeId())) == 0) {
                redis.commands().srem(redis.nodesKey(), redis.nodeId());
            }
            redis.commands().del(redis.leaseKey(redis.nodeId()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.debug("Could not give up the lease", e);
        }
    }
}
