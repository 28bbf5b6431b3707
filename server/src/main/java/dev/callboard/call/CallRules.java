package dev.callboard.call;

import dev.callboard.presence.CallPresence.Reachability;

/**
 * Whether a new call rings, or ends at once as missed and why. Pure: presence is looked up by the
 * caller of this class, so the rule can be tested on its own.
 */
public final class CallRules {
    private final boolean busyOnBusy;

    public CallRules(boolean busyOnBusy) {
        this.busyOnBusy = busyOnBusy;
    }

    /** @return null when the call should ring, otherwise the reason it is missed without ringing */
    public HangupReason missedWithoutRinging(Reachability reachability, boolean calleeInCall) {
        return switch (reachability) {
            case OFFLINE -> HangupReason.OFFLINE;
            case DO_NOT_DISTURB -> HangupReason.DO_NOT_DISTURB;
            case REACHABLE -> busyOnBusy && calleeInCall ? HangupReason.USER_BUSY : null;
        };
    }
}
