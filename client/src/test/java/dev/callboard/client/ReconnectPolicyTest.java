package dev.callboard.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ReconnectPolicyTest {

    private final ReconnectPolicy policy = ReconnectPolicy.defaults();

    @Test
    void withoutJitterTheDelayDoublesUpToTheCap() {
        assertThat(IntStream.rangeClosed(1, 9).mapToObj(attempt -> policy.delay(attempt, 0.0).toMillis()))
                .containsExactly(500L, 1000L, 2000L, 4000L, 8000L, 16000L, 30000L, 30000L, 30000L);
    }

    @Test
    void jitterShortensTheDelayByUpToItsShare() {
        assertThat(policy.delay(3, 0.5)).isEqualTo(Duration.ofMillis(1500));
        assertThat(policy.delay(3, 0.999_999)).isBetween(Duration.ofMillis(1000), Duration.ofMillis(1001));
    }

    @Test
    void randomDelaysStayWithinBounds() {
        for (int attempt = 1; attempt <= 20; attempt++) {
            for (int i = 0; i < 50; i++) {
                Duration base = policy.delay(attempt, 0.0);
                assertThat(policy.delay(attempt)).isBetween(base.dividedBy(2), base);
            }
        }
    }

    @Test
    void hugeAttemptNumbersDoNotOverflow() {
        assertThat(policy.delay(10_000, 0.0)).isEqualTo(Duration.ofSeconds(30));
        assertThat(policy.delay(Integer.MAX_VALUE, 0.0)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void fullJitterCanGoDownToZero() {
        ReconnectPolicy full = new ReconnectPolicy(Duration.ofSeconds(1), Duration.ofSeconds(8), 3.0, 1.0, 0);

        assertThat(full.delay(2, 0.0)).isEqualTo(Duration.ofSeconds(3));
        assertThat(full.delay(3, 0.0)).isEqualTo(Duration.ofSeconds(8));
        assertThat(full.delay(2, 0.9)).isEqualTo(Duration.ofMillis(300));
    }

    @Test
    void maxAttemptsLimitsRetries() {
        ReconnectPolicy three = policy.withMaxAttempts(3);

        assertThat(three.allows(3)).isTrue();
        assertThat(three.allows(4)).isFalse();
        assertThat(policy.allows(1_000_000)).isTrue();
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> new ReconnectPolicy(Duration.ofSeconds(2), Duration.ofSeconds(1), 2, 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReconnectPolicy(Duration.ofSeconds(1), Duration.ofSeconds(2), 0.5, 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReconnectPolicy(Duration.ofSeconds(1), Duration.ofSeconds(2), 2, 1.5, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReconnectPolicy(Duration.ofSeconds(1), Duration.ofSeconds(2), 2, 0, -1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> policy.delay(0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
