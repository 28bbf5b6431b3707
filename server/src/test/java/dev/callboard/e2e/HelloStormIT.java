package dev.callboard.e2e;

import dev.callboard.client.Call;
import dev.callboard.client.CallboardClient;
import dev.callboard.client.CallboardSession;
import dev.callboard.client.Event;
import dev.callboard.client.IceCandidate;
import dev.callboard.client.Media;
import dev.callboard.client.PresenceUpdate;
import dev.callboard.client.Role;
import dev.callboard.client.Sdp;
import dev.callboard.client.SessionOptions;
import dev.callboard.identity.CurrentUser;
import dev.callboard.messaging.HelloContributor;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.TestPropertySource;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A reconnect storm seen from one admin: while his hello is being built (held here on purpose), far
 * more events arrive for him than his queue holds. He must still get a hello, with the newest
 * presence in it, and a working socket, not a 1008 before he has seen anything.
 */
@TestPropertySource(properties = {
        "callboard.auth.admin-email=root@storm.test", "callboard.auth.admin-password=root-password-1",
        "callboard.realtime.outbound-queue-limit=8"})
class HelloStormIT extends EndToEndTest {
    static volatile UUID held;
    static volatile CountDownLatch building = new CountDownLatch(1);
    static volatile CountDownLatch release = new CountDownLatch(1);

    /** The next hello of this user is held until {@link #release} counts down. */
    static void holdNextHelloOf(UUID user) {
        building = new CountDownLatch(1);
        release = new CountDownLatch(1);
        held = user;
    }

    @TestConfiguration
    static class SlowHello {
        /** Holds the first hello of {@link #held} until the test lets it go. */
        @Bean
        HelloContributor holdOneHello() {
            return (CurrentUser user, Map<String, Object> hello) -> {
                CountDownLatch release = HelloStormIT.release;
                if (user.id().equals(held) && release.getCount() > 0) {
                    building.countDown();
                    try {
                        release.await(20, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            };
        }
    }

    @Test
    void anAdminWhoseHelloIsSlowIsNotClosedByTheEventsThatArriveMeanwhile() throws Exception {
        CallboardClient ada = newUser(Role.ADMIN, "Ada");
        CallboardClient cleo = newUser(Role.CLIENT, "Cleo");
        CallboardSession cleoPhone = connect(cleo);
        holdNextHelloOf(id(ada));

        CompletableFuture<CallboardSession> connecting = ada.connect(SessionOptions.builder().deviceId("desk").build());
        assertThat(building.await(10, TimeUnit.SECONDS)).as("Ada's hello is being built").isTrue();
        for (int i = 1; i <= 20; i++) { // each change is an event for Ada: more than her queue of 8
            cleoPhone.setPresence(PresenceUpdate.message("m" + i)).join();
        }
        release.countDown();

        CallboardSession desk = connecting.orTimeout(10, TimeUnit.SECONDS).join();
        assertThat(desk.isOpen()).isTrue();
        String seen = desk.hello().presence().stream().filter(p -> p.userId().equals(id(cleo))).findFirst()
                .orElseThrow().message();
        await().atMost(SOON).untilAsserted(() -> {
            String latest = desk.recentEvents().stream().filter(e -> e instanceof Event.PresenceChanged pc
                            && pc.presence().userId().equals(id(cleo)))
                    .map(e -> ((Event.PresenceChanged) e).presence().message()).reduce((a, b) -> b).orElse(seen);
            assertThat(latest).as("what Ada shows of Cleo after hello and the events behind it").isEqualTo("m20");
        });

        cleoPhone.setPresence(PresenceUpdate.message("after")).join();
        desk.awaitEvent(Event.PresenceChanged.class, e -> "after".equals(e.presence().message()), SOON);
    }

    @Test
    void signallingThatArrivesWhileHelloIsBuiltSurvivesTheFlood() throws Exception {
        CallboardClient ada = newUser(Role.ADMIN, "Ada");
        CallboardClient cleo = newUser(Role.CLIENT, "Cleo");
        CallboardSession cleoPhone = connect(cleo, SessionOptions.builder().deviceId("phone").build());
        CallboardSession firstDesk = connect(ada, SessionOptions.builder().deviceId("desk").build());
        Call call = ada.startCall(id(cleo), Media.AUDIO);
        cleo.answerCall(call.id(), "phone");
        firstDesk.signal(call.id(), Sdp.offer("v=0 offer")).orTimeout(5, TimeUnit.SECONDS).join(); // the call is placed from the desk
        cleoPhone.awaitEvent(Event.CallSignal.class, e -> e.callId().equals(call.id()), SOON);

        // The desk's network drops mid-call; it reconnects, and its hello is slow.
        firstDesk.closeAbruptly();
        holdNextHelloOf(id(ada));
        CompletableFuture<CallboardSession> reconnecting = ada.connect(SessionOptions.builder().deviceId("desk").build());
        assertThat(building.await(10, TimeUnit.SECONDS)).as("the desk's new hello is being built").isTrue();
        IceCandidate candidate = new IceCandidate("candidate:1 1 udp 2122260223 192.0.2.7 54400 typ host", "0", 0, null);
        cleoPhone.signal(call.id(), candidate).orTimeout(5, TimeUnit.SECONDS).join();
        for (int i = 1; i <= 20; i++) { // more than the desk's queue of 8: its hello goes stale
            cleoPhone.setPresence(PresenceUpdate.message("m" + i)).join();
        }
        release.countDown();

        CallboardSession desk = reconnecting.orTimeout(10, TimeUnit.SECONDS).join();
        Event.CallSignal relayed = desk.awaitEvent(Event.CallSignal.class, e -> e.candidate() != null, SOON);
        assertThat(relayed.candidate().candidate()).isEqualTo(candidate.candidate());
        assertThat(desk.isOpen()).isTrue();
    }
}
