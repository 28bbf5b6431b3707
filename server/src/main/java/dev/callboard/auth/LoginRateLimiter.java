package dev.callboard.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Limits login attempts per email address and per client IP with two token buckets per attempt.
 * A bucket holds at most {@code limit} attempts and refills at {@code limit} per minute, so a burst of
 * {@code limit} guesses is allowed and then one more every {@code 60 s / limit}. An attempt needs a
 * token from both buckets; a successful login gives both back, so only failures use up the budget.
 * <p>
 * In memory and per node (a cluster of n nodes allows up to n times the limit, which still makes
 * online guessing hopeless). The map is bounded: past {@code maxKeys} entries the least recently
 * used bucket is dropped, which at worst forgets an old, mostly refilled bucket.
 */
public class LoginRateLimiter {
    private static final Duration WINDOW = Duration.ofMinutes(1);

    private final Clock clock;
    private final int perEmail;
    private final int perIp;
    private final Map<String, Bucket> buckets;

    public LoginRateLimiter(Clock clock, int perEmailPerMinute, int perIpPerMinute, int maxKeys) {
        if (perEmailPerMinute <= 0 || perIpPerMinute <= 0 || maxKeys <= 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
        this.clock = clock;
        this.perEmail = perEmailPerMinute;
        this.perIp = perIpPerMinute;
        this.buckets = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
                return size() > maxKeys;
            }
        };
    }

    /** Takes one attempt from the email's and the IP's budget; false (and nothing taken) if either is spent. */
    public synchronized boolean tryAcquire(String email, String ip) {
        Instant now = clock.instant();
        Bucket byEmail = bucket(emailKey(email), perEmail, now);
        Bucket byIp = bucket(ipKey(ip), perIp, now);
        if (byEmail.tokens < 1 || byIp.tokens < 1) return false;
        byEmail.tokens -= 1;
        byIp.tokens -= 1;
        return true;
    }

    /** Gives back the attempt of a successful login. */
    public synchronized void release(String email, String ip) {
        Instant now = clock.instant();
        bucket(emailKey(email), perEmail, now).refund(perEmail);
        bucket(ipKey(ip), perIp, now).refund(perIp);
    }

    synchronized int size() {
        return buckets.size();
    }

    private Bucket bucket(String key, int limit, Instant now) {
        Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(limit, now));
        bucket.refill(limit, now);
        return bucket;
    }

    private static String emailKey(String email) {
        return "email:" + (email == null ? "" : email.trim().toLowerCase(Locale.ROOT));
    }

    private static String ipKey(String ip) {
        return "ip:" + (ip == null ? "unknown" : ip);
    }

    private static final class Bucket {
        double tokens;
        Instant refilledAt;

        Bucket(int limit, Instant now) {
            this.tokens = limit;
            this.refilledAt = now;
        }

        void refill(int limit, Instant now) {
            if (now.isAfter(refilledAt)) {
                double elapsedMinutes = Duration.between(refilledAt, now).toNanos() / (double) WINDOW.toNanos();
                tokens = Math.min(limit, tokens + elapsedMinutes * limit);
                refilledAt = now;
            }
        }

        void refund(int limit) {
            tokens = Math.min(limit, tokens + 1);
        }
    }
}
