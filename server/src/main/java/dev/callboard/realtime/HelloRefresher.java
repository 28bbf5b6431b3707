package dev.callboard.realtime;

import dev.callboard.cluster.ClusterListener;
import dev.callboard.messaging.EventCodec;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.util.Set;
import java.util.UUID;

/**
 * Cluster mode: when Redis goes away, and again once the shared state is whole after it comes back,
 * every connection on this node gets a fresh {@code hello}. Events published while Redis was down never reached the
 * other nodes (pub/sub is at-most-once), and a user who left during the outage was never
 * announced as offline; a new snapshot is the one thing that repairs both. Clients already treat
 * every hello as the whole truth.
 */
@Component
@Order(ClusterListener.CLIENTS)
public class HelloRefresher implements ClusterListener {
    private final ConnectionRegistry connections;
    private final HelloBuilder hello;
    private final EventCodec codec;

    public HelloRefresher(ConnectionRegistry connections, HelloBuilder hello, EventCodec codec) {
        this.connections = connections;
        this.hello = hello;
        this.codec = codec;
    }

    @Override
    public void nodeGone(String node, Set<UUID> users) {
        // Presence handles it: the dead node's users are announced offline like any other change.
    }

    @Override
    public boolean resync() {
        return true; // nothing of its own to put back
    }

    /**
     * Redis just went away: this node's connections learn at once that people on other nodes are out of
     * reach (they now show offline), instead of keeping their last known presence for the whole outage.
     * Runs after presence has put this node's own users into its fallback (see {@link ClusterListener}).
     */
    @Override
    public void redisLost() {
        refreshAll();
    }

    @Override
    public void afterResync() {
        refreshAll();
    }

    private void refreshAll() {
        connections.forEach(this::refresh);
    }

    private void refresh(Connection c) {
        c.send(codec.encode(hello.build(c)));
    }
}
