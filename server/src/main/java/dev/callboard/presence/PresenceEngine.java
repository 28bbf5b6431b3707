package dev.callboard.presence;

import dev.callboard.identity.Role;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Live presence: the devices of every connected user. Heartbeats never touch PostgreSQL; it is read
 * when a user comes online and written (behind) when his status or choice changes. Every change is
 * recomputed ({@link PresenceRecomputer}) and published at once. Where the live state is kept (this
 * process, or Redis for a cluster) is the {@link PresenceStates}' business; the rules are here.
 */
public class PresenceEngine implements CallPresence {
    private final PresenceStates states;
    private final PresenceStore store;
    private final PresenceStatusWriter writer;
    private final PresenceRecomputer changes;
    private final PresenceThresholds thresholds;
    private final DeviceDropListener dropListener;
    private final String node;

    PresenceEngine(PresenceStates states, PresenceStore store, PresenceStatusWriter writer,
                   PresenceRecomputer changes, DeviceDropListener dropListener) {
        this.states = states;
        this.store = store;
        this.writer = writer;
        this.changes = changes;
        this.thresholds = changes.thresholds();
        this.dropListener = dropListener;
        this.node = states.node();
    }

    private Instant now() {
        return changes.now();
    }

    public PresenceThresholds thresholds() {
        return thresholds;
    }

    public void deviceConnected(UUID userId, Role role, String deviceId, long connectionId) {
        Instant now = now();
        update(userId, role, true, s -> s.putDevice(new DeviceState(deviceId, node, connectionId, now, now, true)));
    }

    /** @param lastInputAt when the user last touched this device (clamped to now); null keeps the previous value */
    public void heartbeat(UUID userId, Role role, String deviceId, long connectionId, Instant lastInputAt, boolean focused) {
        Instant now = now();
        if (states.quietHeartbeat(userId, deviceId, connectionId, now, lastInputAt, focused)) return;
        update(userId, role, true, s -> {
            DeviceState device = s.device(deviceId);
            if (device == null) {
                // Dropped for silence but this socket lives on: it is live again.
                device = new DeviceState(deviceId, node, connectionId, now, now, focused);
            } else if (device.connectionId() != connectionId) {
                return; // a late heartbeat of a replaced connection: the newer one holds the device
            }
            s.putDevice(device.heartbeat(now, lastInputAt, focused));
        });
    }

    public void deviceLeft(UUID userId, String deviceId, long connectionId) {
        update(userId, null, false, s -> s.removeDevice(deviceId, connectionId));
    }

    /**
     * Applies the user's own choice of manual status and/or message. It is stored before it changes
     * anything: if PostgreSQL refuses it, nobody sees it (and calls are not refused because of it).
     */
    public PresenceView choose(UUID userId, Role role, PresenceUpdate change) {
        Instant now = now();
        return update(userId, role, true, s -> {
            Expiring<ManualStatus> manual = !change.setsStatus() ? s.manual : change.status() == null ? null
                    : new Expiring<>(change.status(), now.plus(change.statusDuration() != null
                            ? change.statusDuration() : change.status().defaultDuration()));
            Expiring<String> message = !change.setsMessage() ? s.message : change.message() == null ? null
                    : new Expiring<>(change.message(), change.messageDuration() == null ? null : now.plus(change.messageDuration()));
            saveChoice(s, manual, message, now);
            s.manual = manual;
            s.message = message;
        });
    }

    /**
     * When the choice also changes the aggregate status, the status goes in the same statement (one
     * write per change instead of two), unless the write-behind holds or is writing a row for this
     * user: that older row must not land after this one.
     */
    private void saveChoice(UserPresenceState s, Expiring<ManualStatus> manual, Expiring<String> message, Instant now) {
        PresenceStatus status = PresenceRules.aggregate(s.devices, manual, s.activeCalls > 0, now, thresholds);
        if (status != s.persistedStatus && status != PresenceStatus.OFFLINE && !writer.isPending(s.userId)) {
            store.saveChoiceAndStatus(s.userId, manual, message, new PresenceStore.StatusRow(s.userId, status, s.lastSeenAt, null), now);
            s.persistedStatus = status;
        } else {
            store.saveChoice(s.userId, manual, message, now);
        }
    }

    /** Drops this node's silent devices and applies idle thresholds and expiries; run every few seconds. */
    public void sweep() {
        for (UUID userId : states.toSweep()) {
            List<DeviceState> dropped = new ArrayList<>(0);
            update(userId, null, false, state -> {
                dropped.clear();
                Instant now = now();
                state.devices.removeIf(d -> d.node().equals(node) && !PresenceRules.isLive(d, now, thresholds) && dropped.add(d));
            });
            for (DeviceState d : dropped) dropListener.dropped(userId, d.deviceId(), d.connectionId());
            states.swept(userId);
        }
    }

    /** Removes the devices a dead node held (cluster mode: one survivor does this for each dead node). */
    public void nodeGone(String deadNode, Collection<UUID> userIds) {
        for (UUID userId : userIds) {
            update(userId, null, false, s -> s.devices.removeIf(d -> d.node().equals(deadNode)));
        }
    }

    public PresenceView view(UUID userId, boolean self) {
        PresenceView live = states.views(List.of(userId)).get(userId);
        if (live != null) return self ? live : live.forOthers();
        return store.load(userId).offlineView(userId, now(), self);
    }

    /** Presence of many users at once: live ones from the live state, the rest in one query. */
    public Map<UUID, PresenceView> views(Collection<UUID> userIds, UUID selfId) {
        Map<UUID, PresenceView> result = states.views(userIds);
        result.replaceAll((id, v) -> id.equals(selfId) ? v : v.forOthers());
        List<UUID> offline = userIds.stream().filter(id -> !result.containsKey(id)).toList();
        Instant now = now();
        Map<UUID, DurablePresence> durable = store.loadAll(offline);
        for (UUID id : offline) {
            result.put(id, durable.getOrDefault(id, DurablePresence.NONE).offlineView(id, now, id.equals(selfId)));
        }
        return result;
    }

    public int liveUserCount() {
        return states.liveUserCount();
    }

    @Override
    public Reachability reachability(UUID userId) {
        PresenceStatus status = view(userId, false).status();
        if (status == PresenceStatus.OFFLINE) return Reachability.OFFLINE;
        if (status == PresenceStatus.DO_NOT_DISTURB) return Reachability.DO_NOT_DISTURB;
        return Reachability.REACHABLE;
    }

    @Override
    public boolean knowsEveryDevice() {
        return states.sharedStateReachable();
    }

    @Override
    public boolean isInCall(UUID userId) {
        return Boolean.TRUE.equals(states.read(userId, s -> s.activeCalls > 0));
    }

    @Override
    public Set<String> liveDevices(UUID userId) {
        Set<String> devices = states.read(userId, s -> {
            Instant now = now();
            return s.devices.stream()
                    .filter(d -> PresenceRules.isLive(d, now, thresholds))
                    .map(DeviceState::deviceId).collect(Collectors.toUnmodifiableSet());
        });
        return devices == null ? Set.of() : devices;
    }

    /** An offline user cannot be in an answered call: no state, nothing to mark. */
    @Override
    public void callStarted(UUID userId) {
        update(userId, null, false, s -> s.activeCalls++);
    }

    @Override
    public void callEnded(UUID userId) {
        update(userId, null, false, s -> {
            if (s.activeCalls > 0) s.activeCalls--;
        });
    }

    private PresenceView update(UUID userId, Role role, boolean createIfAbsent, Consumer<UserPresenceState> change) {
        PresenceChange done = states.update(userId, role, createIfAbsent, changes.after(change));
        return done == null ? null : done.full();
    }
}
