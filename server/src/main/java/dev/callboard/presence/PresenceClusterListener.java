package dev.callboard.presence;

import dev.callboard.cluster.ClusterListener;

import java.util.Set;
import java.util.UUID;

/** What presence does when a node dies or Redis comes and goes (cluster mode only). */
final class PresenceClusterListener implements ClusterListener {
    private final PresenceEngine engine;
    private final OutageRecovery outage;

    PresenceClusterListener(PresenceEngine engine, OutageRecovery outage) {
        this.engine = engine;
        this.outage = outage;
    }

    @Override
    public void nodeGone(String node, Set<UUID> users) {
        engine.nodeGone(node, users);
    }

    @Override
    public boolean resync() {
        return outage.resync();
    }

    @Override
    public void redisLost() {
        outage.seedIfNeeded();
    }
}
