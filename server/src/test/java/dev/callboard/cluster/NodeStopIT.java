package dev.callboard.cluster;

import dev.callboard.client.Call;
import dev.callboard.client.CallStatus;
import dev.callboard.client.CallboardClient;
import dev.callboard.client.CallboardSession;
import dev.callboard.client.Media;
import dev.callboard.client.NewUser;
import dev.callboard.client.Role;
import dev.callboard.client.SessionOptions;
import dev.callboard.support.TestDatabase;
import dev.callboard.support.TestRedis;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A deploy: node B (its own JVM) gets SIGTERM while both parties of an answered call are connected
 * to it. Their sockets close with 1001, they reconnect to node A with the same devices, and the call
 * goes on there, past the time after which a call whose device is gone would be failed; hung up
 * later, its duration is the real one. B gave its lease up: the survivor reaped nobody.
 */
class NodeStopIT {
    private static final String PASSWORD = ClusterNode.PASSWORD;
    private static final Duration ABANDON_AFTER = Duration.ofSeconds(4);

    @Test
    void anAnsweredCallWhosePartiesMoveToAnotherNodeGoesOnAndKeepsItsRealDuration() throws Exception {
        ClusterNode.Cluster cluster = ClusterNode.Cluster.fresh(TestDatabase.createDatabase(), TestRedis.url());
        String abandonAfter = "--callboard.calls.abandon-after=" + ABANDON_AFTER.toMillis() + "ms";
        try (ClusterNode a = ClusterNode.inProcess("a", cluster, abandonAfter);
             ClusterNode b = ClusterNode.separateProcess("b", cluster, abandonAfter)) {
            CallboardClient root = a.root();
            root.createUser(new NewUser("ada@stop.test", "Ada", Role.ADMIN, PASSWORD, null));
            root.createUser(new NewUser("bob@stop.test", "Bob", Role.CLIENT, PASSWORD, null));
            CallboardClient adaOnB = b.login("ada@stop.test", PASSWORD);
            CallboardClient bobOnB = b.login("bob@stop.test", PASSWORD);
            UUID bob = bobOnB.me().id();
            CallboardSession adaOnBDesk = connect(adaOnB, "ada-desk");
            CallboardSession bobPhone = connect(bobOnB, "bob-phone");

            Call ringing = adaOnB.startCall(bob, Media.AUDIO);
            Call answered = bobOnB.answerCall(ringing.id(), "bob-phone");
            assertThat(answered.status()).isEqualTo(CallStatus.ANSWERED);
            long answeredAt = System.nanoTime();

            Duration stopped = b.terminate();
            assertThat(adaOnBDesk.closed().orTimeout(10, TimeUnit.SECONDS).join().code()).isEqualTo(1001);
            assertThat(bobPhone.closed().orTimeout(10, TimeUnit.SECONDS).join().code()).isEqualTo(1001);

            CallboardClient adaOnA = a.login("ada@stop.test", PASSWORD);
            CallboardClient bobOnA = a.login("bob@stop.test", PASSWORD);
            connect(adaOnA, "ada-desk");
            connect(bobOnA, "bob-phone");

            // Longer than an answered call may miss its device: the devices are back, on A.
            await().during(ABANDON_AFTER.plusSeconds(2)).atMost(ABANDON_AFTER.plusSeconds(10))
                    .until(() -> adaOnA.getCall(ringing.id()).status() == CallStatus.ANSWERED);

            Call ended = adaOnA.hangupCall(ringing.id());
            long heldSeconds = (System.nanoTime() - answeredAt) / 1_000_000_000L;
            assertThat(ended.status()).isEqualTo(CallStatus.ENDED);
            assertThat(ended.durationSeconds()).as("the real duration, across the stop").isBetween((int) heldSeconds - 1, (int) heldSeconds + 1);
            assertThat(a.bean(NodeLease.class).nodesReaped()).as("B gave its lease up; nobody was reaped").isZero();
            System.out.printf("SIGTERM on a cluster node in a call: process gone after %d ms; call went on on the other node, %d s%n",
                    stopped.toMillis(), ended.durationSeconds());
        }
    }

    private static CallboardSession connect(CallboardClient client, String deviceId) {
        return client.connect(SessionOptions.builder().deviceId(deviceId).build())
                .orTimeout(10, TimeUnit.SECONDS).join();
    }
}
