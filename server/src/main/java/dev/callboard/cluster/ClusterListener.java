package dev.callboard.cluster;

import java.util.Set;
import java.util.UUID;

/**
 * What the cluster tells the features that keep state in Redis, or that must react when it comes
 * and goes. Every bean of this type is registered when the node's lease starts, in {@code @Order}
 * order: those that own state ({@link #STATE}) before those that only tell clients ({@link #CLIENTS}),
 * so that, e.g., presence has put this node's users into its fallback before hellos are re-sent.
 */
public interface ClusterListener {
    /** The order of listeners that keep state of their own. */
    int STATE = 0;
    /** The order of listeners that only tell connected clients what changed. */
    int CLIENTS = 100;

    /** {@code node} stopped renewing its lease; these users had devices on it. Called on one survivor only. */
    void nodeGone(String node, Set<UUID> users);

    /**
     * Redis is reachable again after an outage, or it lost this node's lease (restarted empty, or
     * this node was presumed dead): put this node's part of the shared state back. Until every
     * listener is done the node still counts Redis as unavailable.
     *
     * @return false if Redis failed meanwhile (the node stays degraded and asks again later)
     */
    boolean resync();

    /** Called after every listener's {@link #resync}: the shared state is whole again. */
    default void afterResync() {}

    /** Redis just became unreachable: this node now serves its own users on its own. */
    default void redisLost() {}
}
