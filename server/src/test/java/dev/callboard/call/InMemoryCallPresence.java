package dev.callboard.call;

import dev.callboard.presence.CallPresence;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Our {@link CallPresence} port in memory: the test says who is reachable on which devices. */
public final class InMemoryCallPresence implements CallPresence {
    private final Map<UUID, Set<String>> devices = new ConcurrentHashMap<>();
    private final Map<UUID, Reachability> manual = new ConcurrentHashMap<>();
    private final Map<UUID, AtomicInteger> inCall = new ConcurrentHashMap<>();

    /** The user is online on these devices (none = offline). */
    public InMemoryCallPresence online(UUID userId, String... deviceIds) {
        devices.put(userId, Set.of(deviceIds));
        return this;
    }

    public InMemoryCallPresence doNotDisturb(UUID userId) {
        manual.put(userId, Reachability.DO_NOT_DISTURB);
        return this;
    }

    @Override
    public Reachability reachability(UUID userId) {
        if (liveDevices(userId).isEmpty()) return Reachability.OFFLINE;
        return manual.getOrDefault(userId, Reachability.REACHABLE);
    }

    @Override
    public boolean isInCall(UUID userId) {
        return calls(userId) > 0;
    }

    @Override
    public Set<String> liveDevices(UUID userId) {
        return devices.getOrDefault(userId, Set.of());
    }

    @Override
    public void callStarted(UUID userId) {
        inCall.computeIfAbsent(userId, k -> new AtomicInteger()).incrementAndGet();
    }

    @Override
    public void callEnded(UUID userId) {
        inCall.computeIfAbsent(userId, k -> new AtomicInteger()).decrementAndGet();
    }

    /** Nesting count of answered calls; never negative if calling pairs its calls correctly. */
    public int calls(UUID userId) {
        AtomicInteger n = inCall.get(userId);
        return n == null ? 0 : n.get();
    }
}
