package dev.callboard.call;

import dev.callboard.client.Call;
import dev.callboard.client.CallboardClient;
import dev.callboard.client.CallboardSession;
import dev.callboard.client.Event;
import dev.callboard.client.Media;
import dev.callboard.directory.User;
import dev.callboard.identity.Role;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ring timer on the real scheduler: a call nobody answers becomes a missed call, once. Its
 * short timeout needs a context of its own, closed afterwards so its connections are released.
 */
@DirtiesContext
@TestPropertySource(properties = {"callboard.calls.ring-timeout=1s", "callboard.calls.sweep-interval=100ms"})
class RingTimeoutEndToEndIT extends CallingEndToEndTest {

    @Test
    void anUnansweredCallIsMissedAfterTheRingTimeout() throws Exception {
        User ada = createUser(Role.ADMIN);
        User carl = createUser(Role.CLIENT);
        CallboardClient adaApi = client(ada);
        CallboardClient carlApi = client(carl);
        CallboardSession adaLaptop = connect(adaApi, "ada-laptop");
        CallboardSession carlPhone = connect(carlApi, "carl-phone");

        Call call = adaApi.startCall(carl.id(), Media.AUDIO);

        Event.CallMissed missed = adaLaptop.awaitEvent(Event.CallMissed.class, e -> e.call().id().equals(call.id()), WAIT);
        assertThat(missed.call().reason()).isEqualTo("invite_timeout");
        carlPhone.awaitEvent(Event.CallMissed.class, e -> e.call().id().equals(call.id()), WAIT);
        carlPhone.awaitEvent(Event.MissedCallCreated.class, e -> e.missedCall().callId().equals(call.id()), WAIT);
        assertThat(carlApi.missedCalls().items()).filteredOn(m -> m.callId().equals(call.id())).hasSize(1);
        assertThat(carlApi.unseenMissedCallCount()).isEqualTo(1);
    }
}
