package dev.callboard.auth;

import dev.callboard.support.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LoginRateLimiterTest {
    final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));
    final LoginRateLimiter limiter = new LoginRateLimiter(clock, 3, 5, 1000);

    @Test
    void allowsTheLimitPerEmailThenRefuses() {
        for (int i = 0; i < 3; i++) assertThat(limiter.tryAcquire("a@x.io", "10.0.0.1")).isTrue();
        assertThat(limiter.tryAcquire("a@x.io", "10.0.0.1")).isFalse();
        assertThat(limiter.tryAcquire("a@x.io", "10.0.0.2")).as("same email from elsewhere").isFalse();
    }

    @Test
    void emailKeyIgnoresCaseAndSurroundingSpace() {
        for (int i = 0; i < 3; i++) assertThat(limiter.tryAcquire("A@X.io", "10.0.0.1")).isTrue();
        assertThat(limiter.tryAcquire(" a@x.IO ", "10.0.0.9")).isFalse();
    }

    @Test
    void aBlockedEmailDoesNotBlockOtherEmailsOrAddresses() {
        for (int i = 0; i < 3; i++) limiter.tryAcquire("a@x.io", "10.0.0.1");
        assertThat(limiter.tryAcquire("b@x.io", "10.0.0.1")).isTrue();
        assertThat(limiter.tryAcquire("c@x.io", "10.0.0.2")).isTrue();
    }

    @Test
    void anAddressIsLimitedAcrossEmails() {
        for (int i = 0; i < 5; i++) assertThat(limiter.tryAcquire("u" + i + "@x.io", "10.0.0.1")).isTrue();
        assertThat(limiter.tryAcquire("fresh@x.io", "10.0.0.1")).isFalse();
        assertThat(limiter.tryAcquire("fresh@x.io", "10.0.0.2")).isTrue();
    }

    @Test
    void aRefusedAttemptUsesNothing() {
        for (int i = 0; i < 5; i++) limiter.tryAcquire("u" + i + "@x.io", "10.0.0.1");
        for (int i = 0; i < 10; i++) assertThat(limiter.tryAcquire("victim@x.io", "10.0.0.1")).isFalse();
        // the victim's own budget was not spent by the refused attempts from the blocked address
        for (int i = 0; i < 3; i++) assertThat(limiter.tryAcquire("victim@x.io", "10.0.0.2")).isTrue();
    }

    @Test
    void budgetRefillsSteadilyWithTime() {
        for (int i = 0; i < 3; i++) limiter.tryAcquire("a@x.io", "10.0.0.1");
        clock.advance(Duration.ofSeconds(19));
        assertThat(limiter.tryAcquire("a@x.io", "10.0.0.1")).as("less than 60s/3").isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(limiter.tryAcquire("a@x.io", "10.0.0.1")).as("one back after 20 s").isTrue();
        assertThat(limiter.tryAcquire("a@x.io", "10.0.0.1")).isFalse();
        clock.advance(Duration.ofHours(1));
        for (int i = 0; i < 3; i++) assertThat(limiter.tryAcquire("a@x.io", "10.0.0.1")).as("capped at limit").isTrue();
        assertThat(limiter.tryAcquire("a@x.io", "10.0.0.1")).isFalse();
    }

    @Test
    void releaseGivesTheAttemptBackToBothBuckets() {
        for (int i = 0; i < 10; i++) {
            assertThat(limiter.tryAcquire("a@x.io", "10.0.0.1")).isTrue();
            limiter.release("a@x.io", "10.0.0.1");
        }
        for (int i = 0; i < 3; i++) assertThat(limiter.tryAcquire("a@x.io", "10.0.0.1")).isTrue();
        assertThat(limiter.tryAcquire("a@x.io", "10.0.0.1")).isFalse();
    }

    @Test
    void releaseNeverRaisesAboveTheLimit() {
        limiter.release("a@x.io", "10.0.0.1");
        limiter.release("a@x.io", "10.0.0.1");
        for (int i = 0; i < 3; i++) assertThat(limiter.tryAcquire("a@x.io", "10.0.0.1")).isTrue();
        assertThat(limiter.tryAcquire("a@x.io", "10.0.0.1")).isFalse();
    }

    @Test
    void clockGoingBackwardsDoesNotRefill() {
        for (int i = 0; i < 3; i++) limiter.tryAcquire("a@x.io", "10.0.0.1");
        clock.advance(Duration.ofMinutes(-10));
        assertThat(limiter.tryAcquire("a@x.io", "10.0.0.1")).isFalse();
    }

    @Test
    void memoryIsBounded() {
        LoginRateLimiter small = new LoginRateLimiter(clock, 3, 5, 100);
        for (int i = 0; i < 10_000; i++) small.tryAcquire("u" + i + "@x.io", "10.0." + (i / 256) + "." + (i % 256));
        assertThat(small.size()).isLessThanOrEqualTo(100);
    }

    @Test
    void nullEmailAndAddressAreTheirOwnKeys() {
        for (int i = 0; i < 3; i++) assertThat(limiter.tryAcquire(null, null)).isTrue();
        assertThat(limiter.tryAcquire(null, null)).isFalse();
    }

    @Test
    void limitsMustBePositive() {
        assertThatThrownBy(() -> new LoginRateLimiter(clock, 0, 5, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LoginRateLimiter(clock, 3, 5, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
