package dev.callboard.presence;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;

/**
 * The user's status as a pure function of device states, manual status and the in-call flag.
 * Order of precedence:
 * <ol>
 *   <li>no live device → offline (a manual status never makes a disconnected user look online);</li>
 *   <li>appear_offline → offline; do_not_disturb → do_not_disturb (DND wins over a call);</li>
 *   <li>in a call → in_a_call;</li>
 *   <li>any other manual status → that status, whatever the activity;</li>
 *   <li>otherwise by idle time since the latest input on any live device: offline, away or available.</li>
 * </ol>
 */
public final class PresenceRules {
    private PresenceRules() {}

    public static PresenceStatus aggregate(Collection<DeviceState> devices, Expiring<ManualStatus> manual,
                                           boolean inCall, Instant now, PresenceThresholds thresholds) {
        Instant latestInput = null;
        for (DeviceState d : devices) {
            if (isLive(d, now, thresholds) && (latestInput == null || d.lastInputAt().isAfter(latestInput))) {
                latestInput = d.lastInputAt();
            }
        }
        if (latestInput == null) return PresenceStatus.OFFLINE;

        ManualStatus chosen = Expiring.valueAt(manual, now);
        if (chosen == ManualStatus.APPEAR_OFFLINE || chosen == ManualStatus.DO_NOT_DISTURB) return chosen.shownAs();
        if (inCall) return PresenceStatus.IN_A_CALL;
        if (chosen != null) return chosen.shownAs();

        Duration idle = Duration.between(latestInput, now);
        if (idle.compareTo(thresholds.offlineAfter()) >= 0) return PresenceStatus.OFFLINE;
        if (idle.compareTo(thresholds.awayAfter()) >= 0) return PresenceStatus.AWAY;
        return PresenceStatus.AVAILABLE;
    }

    public static boolean isLive(DeviceState device, Instant now, PresenceThresholds thresholds) {
        return Duration.between(device.lastHeartbeatAt(), now).compareTo(thresholds.deviceTimeout()) < 0;
    }
}
