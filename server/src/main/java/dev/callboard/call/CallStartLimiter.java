package dev.callboard.call;

import dev.callboard.error.DomainException;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How many calls one user may start per minute (a token bucket with a burst of the same size),
 * so nobody can flood someone with rings or missed-call records. Counted per node, in memory.
 */
@Component
public class CallStartLimiter {
    private record Bucket(double tokens, long atMillis) {}

    private final Clock clock;
    private final int perMinute;
    private final Map<UUID, Bucket> buckets = new ConcurrentHashMap<>();

    public CallStartLimiter(Clock clock, CallProperties properties) {
        this.clock = clock;
        this.perMinute = properties.maxStartsPerMinute();
    }

    /** Takes one call start from the user's allowance, or refuses with 429. */
    public void acquire(UUID userId) {
        long now = clock.millis();
        boolean[] allowed = new boolean[1];
        buckets.compute(userId, (id, b) -> {
            double tokens = b == null ? perMinute
                    : Math.min(perMinute, b.tokens() + (now - b.atMillis()) * perMinute / 60_000.0);
            allowed[0] = tokens >= 1;
            return new Bucket(allowed[0] ? tokens - 1 : tokens, now);
        });
        if (!allowed[0]) throw DomainException.rateLimited("too many calls started; try again in a minute");
    }
}
