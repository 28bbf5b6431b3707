package dev.callboard.cluster;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * Cluster mode: on when {@code redisUrl} ({@code CALLBOARD_REDIS_URL}) is set.
 *
 * @param redisUrl      {@code redis://[:password@]host:port[/db]}; empty = single node
 * @param keyPrefix     prefix of every Redis key and of the event channel, so that several
 *                      Callboard clusters (or test runs) can share one Redis
 * @param leaseTtl      a node that has not renewed its lease for this long is dead to the others
 * @param leaseRenew    how often a node renews its lease and looks for dead nodes
 * @param commandTimeout how long a Redis command may take before the node treats Redis as down
 * @param idleStateTtl  how long the presence of a user with no device stays in Redis after his last change
 */
@ConfigurationProperties("callboard.cluster")
public record ClusterProperties(String redisUrl, String keyPrefix, Duration leaseTtl, Duration leaseRenew,
                                Duration commandTimeout, Duration idleStateTtl) {

    public ClusterProperties {
        if (keyPrefix == null || keyPrefix.isBlank()) keyPrefix = "callboard:";
        if (leaseTtl == null) leaseTtl = Duration.ofSeconds(15);
        if (leaseRenew == null) leaseRenew = Duration.ofSeconds(5);
        if (commandTimeout == null) commandTimeout = Duration.ofSeconds(2);
        if (idleStateTtl == null) idleStateTtl = Duration.ofHours(1);
        if (leaseRenew.compareTo(leaseTtl) >= 0) {
            throw new IllegalArgumentException("callboard.cluster.lease-renew must be shorter than lease-ttl");
        }
    }

    public boolean enabled() {
        return redisUrl != null && !redisUrl.isBlank();
    }
}
