package dev.callboard.presence;

import dev.callboard.identity.Role;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A user's live presence as the fields of one Redis hash. Each device is its own field
 * ({@code d:<deviceId>} = {@code node|connectionId|lastInputAt|focused}), so the hash is also the
 * registry of which node holds which device. Heartbeat times are not stored: only the owning node
 * hears a device's heartbeats, and Redis is written only when something others could see changes.
 */
final class PresenceHash {
    static final String VERSION = "ver";
    static final String DEVICE = "d:";
    private static final String ROLE = "role", MANUAL = "manual", MESSAGE = "message", CALLS = "calls",
            LAST_SEEN = "lastSeen", PERSISTED = "persisted", VIEW = "view";

    /** When the owning node last heard a device; {@code now} is what other nodes' devices get. */
    interface HeartbeatClock {
        Instant lastHeartbeat(String node, long connectionId, Instant now);
    }

    private PresenceHash() {}

    static Map<String, String> encode(UserPresenceState s) {
        Map<String, String> f = new HashMap<>();
        f.put(ROLE, s.role.name());
        if (s.manual != null) f.put(MANUAL, s.manual.value().name() + "|" + millis(s.manual.expiresAt()));
        if (s.message != null) f.put(MESSAGE, millis(s.message.expiresAt()) + "|" + s.message.value());
        if (s.activeCalls > 0) f.put(CALLS, Integer.toString(s.activeCalls));
        if (s.lastSeenAt != null) f.put(LAST_SEEN, millis(s.lastSeenAt));
        f.put(PERSISTED, s.persistedStatus.name());
        if (s.lastFull != null) f.put(VIEW, encodeView(s.lastFull));
        for (DeviceState d : s.devices) {
            f.put(DEVICE + d.deviceId(), d.node() + "|" + d.connectionId() + "|" + d.lastInputAt().toEpochMilli() + "|" + (d.focused() ? 1 : 0));
        }
        return f;
    }

    static UserPresenceState decode(UUID userId, Map<String, String> f, HeartbeatClock heartbeats, Instant now) {
        UserPresenceState s = new UserPresenceState(userId, Role.valueOf(f.get(ROLE)), DurablePresence.NONE);
        String manual = f.get(MANUAL);
        if (manual != null) {
            String[] p = manual.split("\\|", 2);
            s.manual = new Expiring<>(ManualStatus.valueOf(p[0]), instant(p[1]));
        }
        String message = f.get(MESSAGE);
        if (message != null) {
            int bar = message.indexOf('|');
            s.message = new Expiring<>(message.substring(bar + 1), instant(message.substring(0, bar)));
        }
        s.activeCalls = f.containsKey(CALLS) ? Integer.parseInt(f.get(CALLS)) : 0;
        s.lastSeenAt = instant(f.getOrDefault(LAST_SEEN, ""));
        s.persistedStatus = PresenceStatus.valueOf(f.get(PERSISTED));
        s.lastFull = decodeView(userId, f.get(VIEW));
        for (Map.Entry<String, String> e : f.entrySet()) {
            if (!e.getKey().startsWith(DEVICE)) continue;
            String[] p = e.getValue().split("\\|");
            String node = p[0];
            long connectionId = Long.parseLong(p[1]);
            s.devices.add(new DeviceState(e.getKey().substring(DEVICE.length()), node, connectionId,
                    heartbeats.lastHeartbeat(node, connectionId, now), Instant.ofEpochMilli(Long.parseLong(p[2])), p[3].equals("1")));
        }
        return s;
    }

    /** The view alone, for readers that need nothing else (hello, the directory). */
    static PresenceView view(UUID userId, String encoded) {
        return decodeView(userId, encoded);
    }

    static String viewField() {
        return VIEW;
    }

    private static String encodeView(PresenceView v) {
        return v.status().name() + "|" + millis(v.lastSeenAt()) + "|" + (v.manualStatus() == null ? "" : v.manualStatus().name())
                + "|" + millis(v.manualStatusExpiresAt()) + "|" + millis(v.messageExpiresAt())
                + "|" + (v.message() == null ? "" : "=" + v.message());
    }

    private static PresenceView decodeView(UUID userId, String encoded) {
        if (encoded == null) return null;
        String[] p = encoded.split("\\|", 6);
        return new PresenceView(userId, PresenceStatus.valueOf(p[0]), instant(p[1]), p[5].isEmpty() ? null : p[5].substring(1),
                p[2].isEmpty() ? null : ManualStatus.valueOf(p[2]), instant(p[3]), instant(p[4]));
    }

    private static String millis(Instant t) {
        return t == null ? "" : Long.toString(t.toEpochMilli());
    }

    private static Instant instant(String millis) {
        return millis.isEmpty() ? null : Instant.ofEpochMilli(Long.parseLong(millis));
    }
}
