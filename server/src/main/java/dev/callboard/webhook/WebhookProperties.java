package dev.callboard.webhook;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.List;

/**
 * Settings of {@code callboard.webhooks.*}.
 *
 * @param pollInterval how often each node looks for events to send (default 1s)
 * @param timeout      how long one delivery may take, connect to last byte (default 10s)
 * @param retries      the waits between attempts; after the last one a delivery is {@code failed}
 *                     (default 5s, 30s, 2m, 10m, 30m, 1h, 2h, 4h, 8h, 12h: about 29 hours in all)
 * @param retention    how long delivered and failed deliveries stay in the log (default 7d)
 */
@ConfigurationProperties("callboard.webhooks")
public record WebhookProperties(Duration pollInterval, Duration timeout, List<Duration> retries, Duration retention) {
    public WebhookProperties {
        if (pollInterval == null || !pollInterval.isPositive()) pollInterval = Duration.ofSeconds(1);
        if (timeout == null || !timeout.isPositive()) timeout = Duration.ofSeconds(10);
        if (retries == null || retries.isEmpty()) {
            retries = List.of(Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMinutes(2), Duration.ofMinutes(10),
                    Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(4),
                    Duration.ofHours(8), Duration.ofHours(12));
        }
        if (retention == null || !retention.isPositive()) retention = Duration.ofDays(7);
    }
}
