package dev.callboard.realtime;

/** A token bucket per connection; not thread-safe (inbound messages of one connection are handled in order). */
final class InboundRateLimiter {
    private final double perMilli;
    private final int burst;
    private double tokens;
    private long lastMillis;

    InboundRateLimiter(int perSecond, int burst, long nowMillis) {
        this.perMilli = perSecond / 1000.0;
        this.burst = burst;
        this.tokens = burst;
        this.lastMillis = nowMillis;
    }

    boolean tryAcquire(long nowMillis) {
        tokens = Math.min(burst, tokens + (nowMillis - lastMillis) * perMilli);
        lastMillis = nowMillis;
        if (tokens < 1) return false;
        tokens -= 1;
        return true;
    }
}
