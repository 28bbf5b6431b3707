package dev.callboard.presence;

import dev.callboard.directory.Role;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Live presence: the devices of every connected user, kept in memory. Heartbeats only touch
 * memory; PostgreSQL is read when a user comes online and written (behind) when his status or
 * choice changes. Every change is recomputed with {@link PresenceRules} and published at once.
 */
public class PresenceEngine implements CallPresence {
    private final Map<UUID, UserPresenceState> users = new ConcurrentHashMap<>();
    private final PresenceStore store;
    private final PresenceStatusWriter writer;
    private final PresencePublisher publisher;
    private final PresenceThresholds thresholds;
    private final DeviceDropListener dropListener;
    private final Clock clock;

    public PresenceEngine(PresenceStore store, PresenceStatusWriter writer, PresencePublisher publisher,
                          PresenceThresholds thresholds, DeviceDropListener dropListener, Clock clock) {
        this.store = store;
        this.writer = writer;
        this.publisher = publisher;
        this.thresholds = thresholds;
        this.dropListener = dropListener;
        this.clock = clock;
    }

    /** Millisecond precision, so a time reads the same from memory as after a round trip through PostgreSQL. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    public PresenceThresholds thresholds() {
        return thresholds;
    }

    public void deviceConnected(UUID userId, Role role, String deviceId, long connectionId) {
        Instant now = now();
        update(userId, role, true, s -> {
            s.putDevice(new DeviceState(deviceId, connectionId, now, now, true));
        });
    }

    /** @param lastInputAt when the user last touched this device (clamped to now); null keeps the previous value */
    public void heartbeat(UUID userId, Role role, String deviceId, long connectionId, Instant lastInputAt, boolean focused) {
        Instant now = now();
        update(userId, role, true, s -> {
            DeviceState device = s.device(deviceId);
            if (device == null || device.connectionId() != connectionId) {
                // Dropped for silence but the socket lived on: it is live again.
                device = new DeviceState(deviceId, connectionId, now, now, focused);
            }
            s.putDevice(device.heartbeat(now, lastInputAt, focused));
        });
    }

    public void deviceLeft(UUID userId, String deviceId, long connectionId) {
        UserPresenceState existing = users.get(userId);
        if (existing == null) return;
        update(userId, existing.role, false, s -> {
            s.removeDevice(deviceId, connectionId);
        });
    }

    /** Applies the user's own choice of manual status and/or message; stored before it is shown. */
    public PresenceView choose(UUID userId, Role role, PresenceUpdate change) {
        Instant now = now();
        return update(userId, role, true, s -> {
            if (change.setsStatus()) {
                s.manual = change.status() == null ? null : new Expiring<>(change.status(),
                        now.plus(change.statusDuration() != null ? change.statusDuration() : change.status().defaultDuration()));
            }
            if (change.setsMessage()) {
                s.message = change.message() == null ? null : new Expiring<>(change.message(),
                        change.messageDuration() == null ? null : now.plus(change.messageDuration()));
            }
            saveChoice(s, now);
        });
    }

    /**
     * Stores the choice before it is shown. When it also changes the aggregate status, the status goes
     * in the same statement (one write per change instead of two), unless the write-behind holds or
     * is writing a row for this user: that older row must not land after this one. New rows for the
     * user are only queued under his lock, which the caller holds.
     */
    private void saveChoice(UserPresenceState s, Instant now) {
        PresenceStatus status = s.status(now, thresholds);
        if (status != s.persistedStatus && status != PresenceStatus.OFFLINE && !writer.isPending(s.userId)) {
            store.saveChoiceAndStatus(s.userId, s.manual, s.message, new PresenceStore.StatusRow(s.userId, status, s.lastSeenAt, null), now);
            s.persistedStatus = status;
        } else {
            store.saveChoice(s.userId, s.manual, s.message, now);
        }
    }

    /** Drops silent devices and applies idle thresholds and expiries; run every few seconds. */
    public void sweep() {
        for (UserPresenceState s : users.values()) {
            List<DeviceState> dropped = new ArrayList<>(0);
            update(s.userId, s.role, false, state -> {
                Instant now = now();
                state.devices.removeIf(d -> !PresenceRules.isLive(d, now, thresholds) && dropped.add(d));
            });
            for (DeviceState d : dropped) dropListener.dropped(s.userId, d.deviceId(), d.connectionId());
            evictIfGone(s);
        }
    }

    /**
     * Forgets a user with no device and no call, once his last status is stored, so that reads
     * falling back to PostgreSQL see what memory saw. Done by the sweep, not on disconnect, so a
     * quick reconnect finds the state still there.
     */
    private void evictIfGone(UserPresenceState s) {
        synchronized (s) {
            if (!s.evicted && s.idle() && !writer.isPending(s.userId)) {
                s.evicted = true;
                users.remove(s.userId, s);
            }
        }
    }

    public PresenceView view(UUID userId, boolean self) {
        UserPresenceState s = users.get(userId);
        if (s != null) {
            synchronized (s) {
                if (!s.evicted) return self ? s.lastFull : s.lastFull.forOthers();
            }
        }
        return store.load(userId).offlineView(userId, now(), self);
    }

    /** Presence of many users at once: live ones from memory, the rest in one query. */
    public Map<UUID, PresenceView> views(Collection<UUID> userIds, UUID selfId) {
        Map<UUID, PresenceView> result = new HashMap<>();
        List<UUID> offline = new ArrayList<>();
        for (UUID id : userIds) {
            UserPresenceState s = users.get(id);
            PresenceView v = null;
            if (s != null) {
                synchronized (s) {
                    if (!s.evicted) v = s.lastFull;
                }
            }
            if (v == null) offline.add(id);
            else result.put(id, id.equals(selfId) ? v : v.forOthers());
        }
        Instant now = now();
        Map<UUID, DurablePresence> durable = store.loadAll(offline);
        for (UUID id : offline) {
            result.put(id, durable.getOrDefault(id, DurablePresence.NONE).offlineView(id, now, id.equals(selfId)));
        }
        return result;
    }

    public int liveUserCount() {
        return users.size();
    }

    @Override
    public Reachability reachability(UUID userId) {
        PresenceStatus status = view(userId, false).status();
        if (status == PresenceStatus.OFFLINE) return Reachability.OFFLINE;
        if (status == PresenceStatus.DO_NOT_DISTURB) return Reachability.DO_NOT_DISTURB;
        return Reachability.REACHABLE;
    }

    @Override
    public boolean isInCall(UUID userId) {
        UserPresenceState s = users.get(userId);
        if (s == null) return false;
        synchronized (s) {
            return !s.evicted && s.activeCalls > 0;
        }
    }

    @Override
    public Set<String> liveDevices(UUID userId) {
        UserPresenceState s = users.get(userId);
        if (s == null) return Set.of();
        synchronized (s) {
            Instant now = now();
            return s.evicted ? Set.of() : s.devices.stream()
                    .filter(d -> PresenceRules.isLive(d, now, thresholds))
                    .map(DeviceState::deviceId).collect(Collectors.toUnmodifiableSet());
        }
    }

    @Override
    public void callStarted(UUID userId) {
        UserPresenceState existing = users.get(userId);
        Role role = existing != null ? existing.role : null;
        if (role == null) return; // an offline user cannot be in an answered call
        update(userId, role, false, s -> {
            s.activeCalls++;
        });
    }

    @Override
    public void callEnded(UUID userId) {
        UserPresenceState existing = users.get(userId);
        if (existing == null) return;
        update(userId, existing.role, false, s -> {
            if (s.activeCalls > 0) s.activeCalls--;
        });
    }

    /**
     * Runs {@code change} on the user's state under its lock, then recomputes and publishes. The lock
     * is held while publishing so that watchers receive one user's changes in the order they happened.
     */
    private PresenceView update(UUID userId, Role role, boolean createIfAbsent, Consumer<UserPresenceState> change) {
        while (true) {
            UserPresenceState s = users.get(userId);
            if (s == null) {
                if (!createIfAbsent) return null;
                DurablePresence durable = store.load(userId);
                s = users.computeIfAbsent(userId, id -> new UserPresenceState(id, role, durable));
            }
            synchronized (s) {
                if (s.evicted) continue;
                change.accept(s);
                return recompute(s, now());
            }
        }
    }

    private PresenceView recompute(UserPresenceState s, Instant now) {
        PresenceStatus status = s.status(now, thresholds);
        boolean wasVisible = s.lastFull != null && s.lastFull.status() != PresenceStatus.OFFLINE;
        if (wasVisible && status == PresenceStatus.OFFLINE) {
            Instant latestInput = s.latestInput();
            s.lastSeenAt = latestInput != null && s.manual == null ? latestInput : now;
        }
        PresenceView full = UserPresenceState.view(s.userId, status, s.lastSeenAt, s.manual, s.message, now);
        PresenceView before = s.lastFull;
        s.lastFull = full;
        if (status != s.persistedStatus) {
            s.persistedStatus = status;
            writer.enqueue(new PresenceStore.StatusRow(s.userId, status, s.lastSeenAt, null));
        }
        if (!full.equals(before)) {
            publisher.publish(s.userId, s.role, full, before == null || !full.forOthers().equals(before.forOthers()));
        }
        return full;
    }
}
