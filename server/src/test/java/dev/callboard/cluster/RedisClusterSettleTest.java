package dev.callboard.cluster;

import dev.callboard.support.MutableClock;
import io.lettuce.core.RedisException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * After an outage, Redis shows every node's devices only once each node has had a lease period and
 * a renewal to put its devices back; until then an answered call must not be failed for a device
 * that is simply not back yet (RedisOutageIT once lost a call this way, with abandon-after shorter
 * than the others' resync).
 */
class RedisClusterSettleTest {
    private static final Duration TTL = Duration.ofSeconds(3);
    private static final Duration RENEW = Duration.ofSeconds(1);

    @Test
    void everyDeviceIsKnownAgainOnlyALeasePeriodAndARenewalAfterRedisIsBack() {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-02T10:00:00Z"));
        RedisCluster redis = new RedisCluster(new ClusterProperties("redis://127.0.0.1:1", "settle:", TTL, RENEW, null, null), clock);
        try {
            redis.unavailable(new RedisException("connection lost")); // (nothing listens on port 1 anyway)
            assertThat(redis.isSettled()).isFalse();

            redis.backAgain();
            assertThat(redis.isAvailable()).isTrue();
            clock.advance(TTL.plus(RENEW).minusMillis(1));
            assertThat(redis.isSettled()).as("the others may still be putting their devices back").isFalse();
            clock.advance(Duration.ofMillis(1));
            assertThat(redis.isSettled()).isTrue();
        } finally {
            redis.close();
        }
    }
}
