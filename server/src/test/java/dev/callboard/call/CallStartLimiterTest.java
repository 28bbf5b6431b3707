package dev.callboard.call;

import dev.callboard.error.DomainException;
import dev.callboard.support.MutableClock;
import dev.callboard.web.ErrorMapping;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CallStartLimiterTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-02T10:00:00Z"));
    private final CallStartLimiter limiter = new CallStartLimiter(clock,
            new CallProperties(null, null, false, null, 6));

    @Test
    void allowsABurstThenRefillsAtTheConfiguredRate() {
        UUID ada = UUID.randomUUID();
        for (int i = 0; i < 6; i++) limiter.acquire(ada);
        assertThatThrownBy(() -> limiter.acquire(ada))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(ErrorMapping.status(e)).isEqualTo(429));
        limiter.acquire(UUID.randomUUID());  // others are not affected

        clock.advance(Duration.ofSeconds(9));  // 6 per minute = one every 10 s
        assertThatThrownBy(() -> limiter.acquire(ada)).isInstanceOf(DomainException.class);
        clock.advance(Duration.ofSeconds(1));
        limiter.acquire(ada);
        assertThatThrownBy(() -> limiter.acquire(ada)).isInstanceOf(DomainException.class);

        clock.advance(Duration.ofMinutes(5));  // never more than the burst
        for (int i = 0; i < 6; i++) limiter.acquire(ada);
        assertThatThrownBy(() -> limiter.acquire(ada)).isInstanceOf(DomainException.class);
    }
}
