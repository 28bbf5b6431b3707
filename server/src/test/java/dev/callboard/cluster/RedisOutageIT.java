package dev.callboard.cluster;

import dev.callboard.client.Call;
import dev.callboard.client.CallStatus;
import dev.callboard.client.CallboardClient;
import dev.callboard.client.CallboardSession;
import dev.callboard.client.Event;
import dev.callboard.client.Media;
import dev.callboard.client.NewUser;
import dev.callboard.client.Presence;
import dev.callboard.client.PresenceStatus;
import dev.callboard.client.Role;
import dev.callboard.support.TestDatabase;
import dev.callboard.support.TestRedis;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Redis stops while people on three nodes are calling, and comes back empty (as a crashed cache would). Each node
 * keeps serving its own users; every call and missed call is still in PostgreSQL; after Redis is
 * back, presence is right again everywhere, with no ghost online for someone who left meanwhile.
 */
class RedisOutageIT {
    private static final String PASSWORD = ClusterNode.PASSWORD;
    private static final Duration WAIT = Duration.ofSeconds(10);
    /** The documented bound once Redis answers again: one reconnect delay + one lease renewal + the resync. */
    private static final Duration RECONVERGED = Duration.ofMillis(500).plus(ClusterNode.LEASE_RENEW).plusSeconds(5);

    @Test
    void nodesServeTheirOwnUsersDuringAnOutageAndPresenceReconvergesAfterIt() throws Exception {
        try (TestRedis.Own redis = TestRedis.own().start()) {
            ClusterNode.Cluster cluster = ClusterNode.Cluster.fresh(TestDatabase.createDatabase(), redis.url());
            String abandonFast = "--callboard.calls.abandon-after=1s";
            try (ClusterNode a = ClusterNode.inProcess("a", cluster, abandonFast);
                 ClusterNode b = ClusterNode.inProcess("b", cluster, abandonFast);
                 ClusterNode c = ClusterNode.inProcess("c", cluster, abandonFast)) {
                run(redis, a, b, c);
            }
        }
    }

    @Test
    void aNodeStartedWhileRedisIsDownServesItsUsersAndJoinsTheClusterWhenRedisComes() {
        try (TestRedis.Own redis = TestRedis.own()) {
            ClusterNode.Cluster cluster = ClusterNode.Cluster.fresh(TestDatabase.createDatabase(), redis.url());
            try (ClusterNode a = ClusterNode.inProcess("a", cluster)) {
                CallboardClient root = a.root();
                root.createUser(new NewUser("ada@late.test", "ada", Role.ADMIN, PASSWORD, null));
                root.createUser(new NewUser("bob@late.test", "bob", Role.CLIENT, PASSWORD, null));
                root.createUser(new NewUser("cleo@late.test", "cleo", Role.CLIENT, PASSWORD, null));
                CallboardSession ada = a.connect("ada@late.test", "ada-desk");
                UUID bob = a.login("bob@late.test", PASSWORD).me().id();
                UUID cleo = a.login("cleo@late.test", PASSWORD).me().id();
                a.connect("bob@late.test", "bob-phone");
                ada.awaitEvent(Event.PresenceChanged.class, e -> is(e.presence(), bob, PresenceStatus.AVAILABLE), WAIT);

                redis.start();
                try (ClusterNode b = ClusterNode.inProcess("b", cluster)) {
                    b.connect("cleo@late.test", "cleo-phone");
                    // Ada learns it from an event or from the hello her node sends once it has joined.
                    await().atMost(RECONVERGED).until(() -> shownTo(ada).get(cleo) == PresenceStatus.AVAILABLE);
                    CallboardClient adaOnB = b.login("ada@late.test", PASSWORD);
                    await().atMost(RECONVERGED).until(() -> adaOnB.presence(bob).status() == PresenceStatus.AVAILABLE);
                    Call across = adaOnB.startCall(cleo, Media.AUDIO);
                    assertThat(across.status()).isEqualTo(CallStatus.RINGING);
                }
            }
        }
    }

    private void run(TestRedis.Own redis, ClusterNode a, ClusterNode b, ClusterNode c) throws Exception {
        CallboardClient root = a.root();
        for (String name : List.of("ada", "max", "bob", "cleo", "dan", "eve")) {
            Role role = name.equals("ada") || name.equals("max") ? Role.ADMIN : Role.CLIENT;
            root.createUser(new NewUser(name + "@outage.test", name, role, PASSWORD, null));
        }
        CallboardClient adaApi = a.login("ada@outage.test", PASSWORD);
        CallboardClient bobApi = a.login("bob@outage.test", PASSWORD);
        CallboardClient cleoApi = b.login("cleo@outage.test", PASSWORD);
        CallboardClient danApi = b.login("dan@outage.test", PASSWORD);
        CallboardClient maxApi = b.login("max@outage.test", PASSWORD);
        UUID bob = bobApi.me().id(), cleo = cleoApi.me().id(), dan = danApi.me().id();
        UUID eve = b.login("eve@outage.test", PASSWORD).me().id();

        CallboardSession ada = a.connect("ada@outage.test", "ada-desk");
        CallboardSession bobPhone = a.connect("bob@outage.test", "bob-phone");
        CallboardSession cleoPhone = b.connect("cleo@outage.test", "cleo-phone");
        CallboardSession danPhone = b.connect("dan@outage.test", "dan-phone");
        b.connect("max@outage.test", "max-desk");
        for (UUID user : List.of(bob, cleo, dan)) {
            ada.awaitEvent(Event.PresenceChanged.class, e -> is(e.presence(), user, PresenceStatus.AVAILABLE), WAIT);
        }

        // A call across nodes, answered before the outage: it must survive it.
        Call ongoing = adaApi.startCall(cleo, Media.VIDEO);
        cleoPhone.awaitEvent(Event.CallIncoming.class, e -> e.call().id().equals(ongoing.id()), WAIT);
        cleoApi.answerCall(ongoing.id(), "cleo-phone");
        ada.awaitEvent(Event.CallAnswered.class, e -> e.call().id().equals(ongoing.id()), WAIT);

        long beforeOutage = ada.eventMark();
        redis.stop();

        // Ada's node tells her at once who is out of reach: a fresh hello, Cleo (node B) offline, Bob (node A) not.
        Event.Hello cutOff = ada.awaitEventAfter(beforeOutage, Event.Hello.class, h -> true, WAIT);
        assertThat(statusIn(cutOff, cleo)).isEqualTo(PresenceStatus.OFFLINE);
        assertThat(statusIn(cutOff, bob)).isEqualTo(PresenceStatus.AVAILABLE);

        // Same node: still rings, is answered and ends.
        Call local = adaApi.startCall(bob, Media.AUDIO);
        assertThat(local.status()).isEqualTo(CallStatus.RINGING);
        bobPhone.awaitEvent(Event.CallIncoming.class, e -> e.call().id().equals(local.id()), WAIT);
        bobApi.answerCall(local.id(), "bob-phone");
        ada.awaitEvent(Event.CallAnswered.class, e -> e.call().id().equals(local.id()), WAIT);
        assertThat(adaApi.hangupCall(local.id()).status()).isEqualTo(CallStatus.ENDED);
        // Across nodes nobody can be rung without Redis: the attempt is recorded as a missed call.
        Call across = adaApi.startCall(cleo, Media.VIDEO);
        assertThat(across.status()).isEqualTo(CallStatus.MISSED);
        // Node B's users call each other as usual.
        Call onB = maxApi.startCall(dan, Media.AUDIO);
        danPhone.awaitEvent(Event.CallIncoming.class, e -> e.call().id().equals(onB.id()), WAIT);
        danApi.declineCall(onB.id());
        // Dan leaves and Eve arrives (on the third node) while Redis is away.
        danPhone.bye().join();
        danPhone.closeAbruptly();
        c.connect("eve@outage.test", "eve-laptop");
        // For longer than abandon-after plus a sweep, nobody may take Cleo's unseen device for a crashed one.
        await().during(Duration.ofMillis(2500)).atMost(WAIT)
                .until(() -> adaApi.getCall(ongoing.id()).status() == CallStatus.ANSWERED);

        redis.start();

        // Cleo is still in the call with Ada (the in-call count comes back from PostgreSQL).
        Map<UUID, PresenceStatus> expected = Map.of(bob, PresenceStatus.AVAILABLE, cleo, PresenceStatus.IN_A_CALL,
                dan, PresenceStatus.OFFLINE, eve, PresenceStatus.AVAILABLE);
        await().atMost(RECONVERGED).untilAsserted(() -> {
            expected.forEach((user, status) -> assertThat(adaApi.presence(user).status()).as("REST on A for " + user).isEqualTo(status));
            expected.forEach((user, status) -> assertThat(maxApi.presence(user).status()).as("REST on B for " + user).isEqualTo(status));
            assertThat(shownTo(ada)).as("what Ada's screen shows").containsAllEntriesOf(expected);
        });

        // Every call made during the outage is in the history; the missed one is Cleo's to see.
        assertThat(adaApi.getCall(local.id()).status()).isEqualTo(CallStatus.ENDED);
        assertThat(adaApi.getCall(ongoing.id()).status()).as("the call across nodes lived through the outage")
                .isEqualTo(CallStatus.ANSWERED);
        assertThat(adaApi.hangupCall(ongoing.id()).status()).isEqualTo(CallStatus.ENDED);
        await().atMost(WAIT).until(() -> maxApi.presence(cleo).status() == PresenceStatus.AVAILABLE);
        assertThat(adaApi.getCall(across.id()).status()).isEqualTo(CallStatus.MISSED);
        assertThat(danApi.getCall(onB.id()).status()).isEqualTo(CallStatus.DECLINED);
        assertThat(cleoApi.missedCalls().items()).extracting(m -> m.callId()).containsExactly(across.id());
        assertThat(cleoApi.unseenMissedCallCount()).isEqualTo(1);

        // And calls cross nodes again.
        Call again = adaApi.startCall(cleo, Media.AUDIO);
        assertThat(again.status()).isEqualTo(CallStatus.RINGING);
        cleoPhone.awaitEvent(Event.CallIncoming.class, e -> e.call().id().equals(again.id()), WAIT);
    }

    private static PresenceStatus statusIn(Event.Hello hello, UUID user) {
        return hello.presence().stream().filter(p -> p.userId().equals(user)).findFirst().orElseThrow().status();
    }

    /** Presence as a client built it: the latest hello, then every presence event after it. */
    private static Map<UUID, PresenceStatus> shownTo(CallboardSession session) {
        Map<UUID, PresenceStatus> shown = new HashMap<>();
        for (Event e : session.recentEvents()) {
            if (e instanceof Event.Hello h) {
                shown.clear();
                h.presence().forEach(p -> shown.put(p.userId(), p.status()));
            } else if (e instanceof Event.PresenceChanged p) {
                shown.put(p.presence().userId(), p.presence().status());
            }
        }
        return shown;
    }

    private static boolean is(Presence p, UUID user, PresenceStatus status) {
        return p.userId().equals(user) && p.status() == status;
    }

}
