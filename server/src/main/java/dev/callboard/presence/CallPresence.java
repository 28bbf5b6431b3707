package dev.callboard.presence;

import java.util.Set;
import java.util.UUID;

/** What calling needs from presence: can this user be rung, on which devices, and the in-call flag. */
public interface CallPresence {

    enum Reachability { OFFLINE, DO_NOT_DISTURB, REACHABLE }

    /** OFFLINE also covers appear-offline and idle-offline; DO_NOT_DISTURB is the manual DND status. */
    Reachability reachability(UUID userId);

    /** Whether the user is currently in an answered call (for busy-on-busy). */
    boolean isInCall(UUID userId);

    /**
     * False while this node cannot see devices on other nodes (a cluster node cut off from Redis, or
     * just back and waiting for the others to put their devices back): then "no live device" may just
     * mean "not on this node", or "not back yet".
     */
    default boolean knowsEveryDevice() {
        return true;
    }

    /** Ids of the user's live devices (empty when offline). */
    Set<String> liveDevices(UUID userId);

    /** Marks the user in or out of a call; presence shows {@code in_a_call} unless DND. Counted, so overlapping calls nest. */
    void callStarted(UUID userId);

    void callEnded(UUID userId);
}
