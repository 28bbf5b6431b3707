package dev.callboard.missedcall;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * @param retention       records older than this are deleted, seen or not
 * @param cleanupInterval how often the cleanup runs
 */
@ConfigurationProperties("callboard.missed-calls")
public record MissedCallProperties(Duration retention, Duration cleanupInterval) {
    public MissedCallProperties {
        if (retention == null || retention.isNegative() || retention.isZero()) retention = Duration.ofDays(30);
        if (cleanupInterval == null || cleanupInterval.isNegative() || cleanupInterval.isZero()) cleanupInterval = Duration.ofHours(1);
    }
}
