package dev.callboard.presence;

import dev.callboard.identity.Role;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The in-memory presence of one user with at least one device or call. Not thread-safe: the
 * engine only touches it while holding its monitor, which also orders the events it publishes.
 */
final class UserPresenceState {
    final UUID userId;
    final Role role;
    /** Usually one or two entries; a list is smaller and faster than a map at that size. */
    final List<DeviceState> devices = new ArrayList<>(2);
    Expiring<ManualStatus> manual;
    Expiring<String> message;
    int activeCalls;
    Instant lastSeenAt;
    PresenceStatus persistedStatus;
    PresenceView lastFull;
    boolean evicted;

    UserPresenceState(UUID userId, Role role, DurablePresence durable) {
        this.userId = userId;
        this.role = role;
        this.manual = durable.manual();
        this.message = durable.message();
        this.lastSeenAt = durable.lastSeenAt();
        this.persistedStatus = PresenceStatus.OFFLINE;
    }

    DeviceState device(String deviceId) {
        for (DeviceState d : devices) {
            if (d.deviceId().equals(deviceId)) return d;
        }
        return null;
    }

    void putDevice(DeviceState device) {
        devices.removeIf(d -> d.deviceId().equals(device.deviceId()));
        devices.add(device);
    }

    boolean removeDevice(String deviceId, long connectionId) {
        return devices.removeIf(d -> d.deviceId().equals(deviceId) && d.connectionId() == connectionId);
    }

    boolean idle() {
        return devices.isEmpty() && activeCalls == 0;
    }

    PresenceStatus status(Instant now, PresenceThresholds thresholds) {
        return PresenceRules.aggregate(devices, manual, activeCalls > 0, now, thresholds);
    }

    Instant latestInput() {
        Instant latest = null;
        for (DeviceState d : devices) {
            if (latest == null || d.lastInputAt().isAfter(latest)) latest = d.lastInputAt();
        }
        return latest;
    }
}
