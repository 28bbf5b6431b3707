package dev.callboard.cluster;

import dev.callboard.client.Call;
import dev.callboard.client.CallStatus;
import dev.callboard.client.CallboardClient;
import dev.callboard.client.CallboardSession;
import dev.callboard.client.Event;
import dev.callboard.client.Media;
import dev.callboard.client.MissedCall;
import dev.callboard.client.NewUser;
import dev.callboard.client.PresenceStatus;
import dev.callboard.client.Role;
import dev.callboard.support.TestDatabase;
import dev.callboard.support.TestRedis;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Node B runs in its own JVM and is killed with SIGKILL: no shutdown hook, no lease given up,
 * its sockets just die. The survivors must take its users offline within the lease bound, and a
 * call that was ringing a device on B must still end as exactly one missed call.
 */
class NodeFailureIT {
    private static final String PASSWORD = ClusterNode.PASSWORD;
    private static final Duration RING_TIMEOUT = Duration.ofSeconds(6);
    /** The documented bound: lease TTL + one renewal period, plus time for the survivors to act. */
    private static final Duration BOUND = ClusterNode.LEASE_TTL.plus(ClusterNode.LEASE_RENEW).plusSeconds(4);

    @Test
    void killingANodeTakesItsUsersOfflineAndItsRingingCallEndsAsOneMissedCall() throws Exception {
        ClusterNode.Cluster cluster = ClusterNode.Cluster.fresh(TestDatabase.createDatabase(), TestRedis.url());
        String ringTimeout = "--callboard.calls.ring-timeout=" + RING_TIMEOUT.toMillis() + "ms";
        try (ClusterNode a = ClusterNode.inProcess("a", cluster, ringTimeout);
             ClusterNode b = ClusterNode.separateProcess("b", cluster, ringTimeout);
             ClusterNode c = ClusterNode.inProcess("c", cluster, ringTimeout)) {
            CallboardClient root = a.root();
            root.createUser(new NewUser("ada@kill.test", "Ada", Role.ADMIN, PASSWORD, null));
            root.createUser(new NewUser("bob@kill.test", "Bob", Role.CLIENT, PASSWORD, null));
            root.createUser(new NewUser("cy@kill.test", "Cy", Role.CLIENT, PASSWORD, null));
            CallboardClient adaApi = a.login("ada@kill.test", PASSWORD);
            UUID bob = b.login("bob@kill.test", PASSWORD).me().id();
            UUID cy = b.login("cy@kill.test", PASSWORD).me().id();

            CallboardSession ada = a.connect("ada@kill.test", "ada-desk");
            b.connect("bob@kill.test", "bob-phone");
            b.connect("cy@kill.test", "cy-phone");
            CallboardSession cyLaptop = c.connect("cy@kill.test", "cy-laptop");
            await().atMost(Duration.ofSeconds(5)).until(() -> adaApi.presence(bob).status() == PresenceStatus.AVAILABLE);

            Call ringing = adaApi.startCall(bob, Media.AUDIO);
            assertThat(ringing.status()).isEqualTo(CallStatus.RINGING);

            b.kill();
            long killedAt = System.nanoTime();

            ada.awaitEvent(Event.PresenceChanged.class,
                    e -> e.presence().userId().equals(bob) && e.presence().status() == PresenceStatus.OFFLINE, BOUND);
            Duration tookOffline = Duration.ofNanos(System.nanoTime() - killedAt);
            assertThat(adaApi.presence(bob).status()).isEqualTo(PresenceStatus.OFFLINE);
            assertThat(c.login("ada@kill.test", PASSWORD).presence(bob).status()).isEqualTo(PresenceStatus.OFFLINE);
            // Cy still has a device on node C: he stays online, with only that device.
            assertThat(adaApi.presence(cy).status()).isEqualTo(PresenceStatus.AVAILABLE);
            assertThat(cyLaptop.isOpen()).isTrue();

            // The ring timer lived in PostgreSQL: a survivor's sweeper ends the call.
            ada.awaitEvent(Event.CallMissed.class, e -> e.call().id().equals(ringing.id()),
                    RING_TIMEOUT.plusSeconds(10));
            assertThat(adaApi.getCall(ringing.id()).status()).isEqualTo(CallStatus.MISSED);
            CallboardClient bobApi = c.login("bob@kill.test", PASSWORD);
            List<MissedCall> missed = bobApi.missedCalls().items();
            assertThat(missed).hasSize(1);
            assertThat(missed.getFirst().callId()).isEqualTo(ringing.id());
            assertThat(bobApi.unseenMissedCallCount()).isEqualTo(1);
            System.out.printf("node killed: its user showed offline on a survivor after %d ms (bound %d ms)%n",
                    tookOffline.toMillis(), BOUND.toMillis());
        }
    }

}
