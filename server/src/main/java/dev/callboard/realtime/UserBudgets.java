package dev.callboard.realtime;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One inbound allowance per user over all his sockets on this node (each socket also has its own):
 * ten sockets of one user must not add up to ten times the writes one socket may cause.
 */
final class UserBudgets {
    private final int perSecond;
    private final Map<UUID, InboundRateLimiter> budgets = new ConcurrentHashMap<>();

    UserBudgets(int perSecond) {
        this.perSecond = perSecond;
    }

    boolean tryAcquire(UUID userId, long nowMillis) {
        InboundRateLimiter budget = budgets.computeIfAbsent(userId, id -> new InboundRateLimiter(perSecond, 2 * perSecond, nowMillis));
        synchronized (budget) {
            return budget.tryAcquire(nowMillis);
        }
    }

    /** The user has no socket left here. */
    void forget(UUID userId) {
        budgets.remove(userId);
    }
}
