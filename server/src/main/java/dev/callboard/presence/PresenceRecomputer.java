package dev.callboard.presence;

import dev.callboard.messaging.Delivery;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The rules applied after every change to a user's state: the status recomputed with
 * {@link PresenceRules}, last-seen kept, and what must follow the commit (the events announcing a
 * visible change, the status row to write behind). Shared by the engine and by a cluster node
 * putting its devices back, so both change presence the same way.
 */
final class PresenceRecomputer {
    private final PresenceThresholds thresholds;
    private final Clock clock;

    PresenceRecomputer(PresenceThresholds thresholds, Clock clock) {
        this.thresholds = thresholds;
        this.clock = clock;
    }

    PresenceThresholds thresholds() {
        return thresholds;
    }

    /** Millisecond precision, so a time reads the same from memory as after a round trip through PostgreSQL. */
    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** {@code change}, then the rules: what {@link PresenceStates#update} applies (perhaps more than once). */
    Function<UserPresenceState, PresenceChange> after(Consumer<UserPresenceState> change) {
        return s -> {
            change.accept(s);
            return recompute(s, now());
        };
    }

    private PresenceChange recompute(UserPresenceState s, Instant now) {
        PresenceStatus status = s.status(now, thresholds);
        boolean wasVisible = s.lastFull != null && s.lastFull.status() != PresenceStatus.OFFLINE;
        if (wasVisible && status == PresenceStatus.OFFLINE) {
            Instant latestInput = s.latestInput();
            s.lastSeenAt = latestInput != null && s.manual == null ? latestInput : now;
        }
        PresenceView full = PresenceView.of(s.userId, status, s.lastSeenAt, s.manual, s.message, now);
        PresenceView before = s.lastFull;
        s.lastFull = full;
        PresenceStore.StatusRow row = null;
        if (status != s.persistedStatus) {
            s.persistedStatus = status;
            row = new PresenceStore.StatusRow(s.userId, status, s.lastSeenAt, null);
        }
        List<Delivery> announcements = full.equals(before) ? List.of()
                : PresencePublisher.announcements(s.userId, s.role, full, before == null || !full.forOthers().equals(before.forOthers()));
        return new PresenceChange(full, announcements, row);
    }
}
