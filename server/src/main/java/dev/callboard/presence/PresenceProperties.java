package dev.callboard.presence;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

@ConfigurationProperties("callboard.presence")
public record PresenceProperties(Duration heartbeatInterval, Integer missedHeartbeats, Duration awayAfter,
                                 Duration offlineAfter, Duration sweepInterval) {

    public PresenceThresholds thresholds() {
        PresenceThresholds d = PresenceThresholds.defaults();
        return new PresenceThresholds(
                heartbeatInterval == null ? d.heartbeatInterval() : heartbeatInterval,
                missedHeartbeats == null ? d.missedHeartbeats() : missedHeartbeats,
                awayAfter == null ? d.awayAfter() : awayAfter,
                offlineAfter == null ? d.offlineAfter() : offlineAfter);
    }

    public Duration sweepIntervalOrDefault() {
        return sweepInterval == null ? Duration.ofSeconds(5) : sweepInterval;
    }
}
