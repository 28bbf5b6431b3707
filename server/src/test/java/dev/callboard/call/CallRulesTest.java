package dev.callboard.call;

import org.junit.jupiter.api.Test;

import static dev.callboard.presence.CallPresence.Reachability.*;
import static org.assertj.core.api.Assertions.assertThat;

class CallRulesTest {
    private final CallRules callWaiting = new CallRules(false);
    private final CallRules busyOnBusy = new CallRules(true);

    @Test
    void offlineAndDoNotDisturbNeverRing() {
        for (CallRules rules : new CallRules[] {callWaiting, busyOnBusy}) {
            assertThat(rules.missedWithoutRinging(OFFLINE, false)).isEqualTo(HangupReason.OFFLINE);
            assertThat(rules.missedWithoutRinging(OFFLINE, true)).isEqualTo(HangupReason.OFFLINE);
            assertThat(rules.missedWithoutRinging(DO_NOT_DISTURB, false)).isEqualTo(HangupReason.DO_NOT_DISTURB);
            assertThat(rules.missedWithoutRinging(DO_NOT_DISTURB, true)).isEqualTo(HangupReason.DO_NOT_DISTURB);
        }
    }

    @Test
    void aReachableCalleeRingsUnlessBusyOnBusyAndInACall() {
        assertThat(callWaiting.missedWithoutRinging(REACHABLE, false)).isNull();
        assertThat(callWaiting.missedWithoutRinging(REACHABLE, true)).isNull();
        assertThat(busyOnBusy.missedWithoutRinging(REACHABLE, false)).isNull();
        assertThat(busyOnBusy.missedWithoutRinging(REACHABLE, true)).isEqualTo(HangupReason.USER_BUSY);
    }
}
