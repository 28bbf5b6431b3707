package dev.callboard.call;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * @param ringTimeout   how long a call rings before it becomes {@code missed}
 * @param sweepInterval how often overdue ringing calls are looked for (bounds how late a timeout fires)
 * @param busyOnBusy    when on, calling someone already in a call fails at once with {@code user_busy}
 * @param abandonAfter  an answered call fails with {@code connection_lost} once one side's call device
 *                      has been gone this long (a crashed tab or node must not leave "in a call" forever)
 * @param maxStartsPerMinute calls one user may start per minute (more get 429)
 */
@ConfigurationProperties("callboard.calls")
public record CallProperties(Duration ringTimeout, Duration sweepInterval, boolean busyOnBusy, Duration abandonAfter,
                             int maxStartsPerMinute) {
    public CallProperties {
        if (maxStartsPerMinute <= 0) maxStartsPerMinute = 30;
        if (abandonAfter == null || abandonAfter.isNegative() || abandonAfter.isZero()) abandonAfter = Duration.ofSeconds(60);
        if (ringTimeout == null || ringTimeout.isNegative() || ringTimeout.isZero()) ringTimeout = Duration.ofSeconds(30);
        if (sweepInterval == null || sweepInterval.isNegative() || sweepInterval.isZero()) sweepInterval = Duration.ofSeconds(1);
    }
}
