package dev.callboard.presence;

import java.time.Duration;

/**
 * @param heartbeatInterval how often clients heartbeat
 * @param missedHeartbeats  heartbeats a device may miss before it is dropped
 * @param awayAfter         idle time after which an active user shows away
 * @param offlineAfter      idle time after which an active user shows offline
 */
public record PresenceThresholds(Duration heartbeatInterval, int missedHeartbeats, Duration awayAfter, Duration offlineAfter) {

    public PresenceThresholds {
        if (heartbeatInterval.isNegative() || heartbeatInterval.isZero()) throw new IllegalArgumentException("heartbeat interval must be positive");
        if (missedHeartbeats < 1) throw new IllegalArgumentException("missed heartbeats must be at least 1");
        if (awayAfter.compareTo(offlineAfter) > 0) throw new IllegalArgumentException("away-after must not exceed offline-after");
    }

    public static PresenceThresholds defaults() {
        return new PresenceThresholds(Duration.ofSeconds(30), 3, Duration.ofMinutes(5), Duration.ofMinutes(15));
    }

    /** A device silent for this long is gone. */
    public Duration deviceTimeout() {
        return heartbeatInterval.multipliedBy(missedHeartbeats);
    }
}
