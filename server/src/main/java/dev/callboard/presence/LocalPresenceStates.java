package dev.callboard.presence;

import dev.callboard.identity.Role;
import dev.callboard.messaging.Delivery;
import dev.callboard.messaging.EventBus;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Live presence in this process (single-node mode, and a cluster node's fallback while Redis is
 * down). Each user's state has its own lock; a change is committed (announced, queued for
 * PostgreSQL) while the lock is held, so watchers receive one user's changes in order.
 */
final class LocalPresenceStates implements PresenceStates {
    static final String NODE = "local";

    private final Map<UUID, UserPresenceState> users = new ConcurrentHashMap<>();
    private final String node;
    private final PresenceStore store;
    private final PresenceStatusWriter writer;
    private final EventBus bus;

    LocalPresenceStates(String node, PresenceStore store, PresenceStatusWriter writer, EventBus bus) {
        this.node = node;
        this.store = store;
        this.writer = writer;
        this.bus = bus;
    }

    @Override
    public String node() {
        return node;
    }

    @Override
    public PresenceChange update(UUID userId, Role role, boolean createIfAbsent, Function<UserPresenceState, PresenceChange> change) {
        while (true) {
            UserPresenceState s = users.get(userId);
            if (s == null) {
                if (!createIfAbsent) return null;
                DurablePresence durable = store.load(userId);
                s = users.computeIfAbsent(userId, id -> new UserPresenceState(id, role, durable));
            }
            synchronized (s) {
                if (s.evicted) continue;
                PresenceChange done = change.apply(s);
                if (done.statusRow() != null) writer.enqueue(done.statusRow());
                for (Delivery d : done.announcements()) bus.send(d);
                return done;
            }
        }
    }

    @Override
    public <T> T read(UUID userId, Function<UserPresenceState, T> reader) {
        UserPresenceState s = users.get(userId);
        if (s == null) return null;
        synchronized (s) {
            return s.evicted ? null : reader.apply(s);
        }
    }

    @Override
    public Map<UUID, PresenceView> views(Collection<UUID> userIds) {
        Map<UUID, PresenceView> result = new HashMap<>();
        for (UUID id : userIds) {
            PresenceView v = read(id, s -> s.lastFull);
            if (v != null) result.put(id, v);
        }
        return result;
    }

    @Override
    public Collection<UUID> toSweep() {
        return List.copyOf(users.keySet());
    }

    /**
     * Forgets a user with no device and no call, once his last status is stored, so that reads
     * falling back to PostgreSQL see what memory saw. Done by the sweep, not on disconnect, so a
     * quick reconnect finds the state still there.
     */
    @Override
    public void swept(UUID userId) {
        UserPresenceState s = users.get(userId);
        if (s == null) return;
        synchronized (s) {
            if (!s.evicted && s.idle() && !writer.isPending(s.userId)) {
                s.evicted = true;
                users.remove(s.userId, s);
            }
        }
    }

    @Override
    public int liveUserCount() {
        return users.size();
    }

    /** Users with a device on this node, and those devices (for a cluster node to put back into Redis). */
    Map<UUID, UserPresenceState> snapshot() {
        return Map.copyOf(users);
    }

    void clear() {
        users.clear();
    }
}
