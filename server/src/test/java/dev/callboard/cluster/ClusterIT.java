package dev.callboard.cluster;

import dev.callboard.client.Call;
import dev.callboard.client.CallStatus;
import dev.callboard.client.CallboardClient;
import dev.callboard.client.CallboardSession;
import dev.callboard.client.Event;
import dev.callboard.client.ManualStatus;
import dev.callboard.client.Media;
import dev.callboard.client.NewUser;
import dev.callboard.client.Presence;
import dev.callboard.client.PresenceStatus;
import dev.callboard.client.PresenceUpdate;
import dev.callboard.client.Role;
import dev.callboard.client.Sdp;
import dev.callboard.client.SessionOptions;
import dev.callboard.support.TestDatabase;
import dev.callboard.support.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three nodes (application contexts with their own ports) on one PostgreSQL and one Redis: users
 * connected to different nodes must not notice.
 */
class ClusterIT {
    private static final Duration WITHIN_A_SECOND = Duration.ofSeconds(1);
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String PASSWORD = ClusterNode.PASSWORD;

    private static ClusterNode a;
    private static ClusterNode b;
    private static ClusterNode c;
    private final List<CallboardSession> sessions = new ArrayList<>();

    @BeforeAll
    static void startCluster() {
        ClusterNode.Cluster cluster = ClusterNode.Cluster.fresh(TestDatabase.createDatabase(), TestRedis.url());
        a = ClusterNode.inProcess("a", cluster);
        b = ClusterNode.inProcess("b", cluster);
        c = ClusterNode.inProcess("c", cluster);
    }

    @AfterAll
    static void stopCluster() {
        for (ClusterNode node : new ClusterNode[] {a, b, c}) {
            if (node != null) node.close();
        }
    }

    @AfterEach
    void closeSessions() {
        sessions.forEach(CallboardSession::closeAbruptly);
    }

    private static String newUser(Role role, String name) {
        String email = name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@cluster.test";
        a.root().createUser(new NewUser(email, name, role, PASSWORD, null));
        return email;
    }

    private CallboardSession connect(ClusterNode node, String email, String deviceId) {
        CallboardSession s = node.connect(email, deviceId);
        sessions.add(s);
        return s;
    }

    private static boolean is(Event.PresenceChanged e, UUID user, PresenceStatus status) {
        return e.presence().userId().equals(user) && e.presence().status() == status;
    }

    @Test
    void aWatcherOnOneNodeSeesPresenceChangesOfAUserOnAnotherWithinASecond() {
        String admin = newUser(Role.ADMIN, "ada");
        String client = newUser(Role.CLIENT, "cleo");
        CallboardSession watcher = connect(a, admin, "ada-desk");
        UUID cleo = b.login(client, PASSWORD).me().id();

        CallboardSession cleoPhone = connect(b, client, "cleo-phone");
        watcher.awaitEvent(Event.PresenceChanged.class, e -> is(e, cleo, PresenceStatus.AVAILABLE), WITHIN_A_SECOND);

        cleoPhone.setPresence(PresenceUpdate.status(ManualStatus.BUSY)).join();
        watcher.awaitEvent(Event.PresenceChanged.class, e -> is(e, cleo, PresenceStatus.BUSY), WITHIN_A_SECOND);
        // The third node answers REST reads from the same shared state.
        assertThat(c.login(admin, PASSWORD).presence(cleo).status()).isEqualTo(PresenceStatus.BUSY);

        // A second device on the third node; the user stays busy while either is connected.
        CallboardSession cleoLaptop = connect(c, client, "cleo-laptop");
        cleoPhone.bye().join();
        assertThat(c.login(admin, PASSWORD).presence(cleo).status()).isEqualTo(PresenceStatus.BUSY);
        cleoLaptop.setPresence(PresenceUpdate.status(null)).join();
        watcher.awaitEvent(Event.PresenceChanged.class, e -> is(e, cleo, PresenceStatus.AVAILABLE), WITHIN_A_SECOND);
        cleoLaptop.bye().join();
        watcher.awaitEvent(Event.PresenceChanged.class, e -> is(e, cleo, PresenceStatus.OFFLINE), WITHIN_A_SECOND);
    }

    @Test
    void aLogoutOnOneNodeClosesTheSessionsSocketsOnTheOthers() {
        String admin = newUser(Role.ADMIN, "ada");
        String token = a.login(admin, PASSWORD).token();
        CallboardSession onB = CallboardClient.create(b.uri()).withToken(token)
                .connect(SessionOptions.builder().deviceId("ada-desk").build()).orTimeout(10, TimeUnit.SECONDS).join();
        sessions.add(onB);
        CallboardSession otherSessionOnC = connect(c, admin, "ada-phone");

        // The token was issued by the first node, its socket is on the second, the logout reaches the third.
        CallboardClient.create(c.uri()).withToken(token).logout();

        assertThat(onB.closed().orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join().code()).isEqualTo(4003);
        assertThat(otherSessionOnC.isOpen()).as("another session of the same user").isTrue();
    }

    @Test
    void aClientOnAnotherNodeStillNeverLearnsOfOtherClients() {
        String admin = newUser(Role.ADMIN, "ada");
        String client = newUser(Role.CLIENT, "cleo");
        String other = newUser(Role.CLIENT, "otto");
        CallboardSession cleoPhone = connect(a, client, "cleo-phone");
        UUID otto = c.login(other, PASSWORD).me().id();
        UUID ada = c.login(admin, PASSWORD).me().id();

        connect(c, other, "otto-phone");
        connect(b, admin, "ada-desk");

        cleoPhone.awaitEvent(Event.PresenceChanged.class, e -> is(e, ada, PresenceStatus.AVAILABLE), WAIT);
        assertThat(cleoPhone.recentEvents()).noneMatch(e -> e instanceof Event.PresenceChanged p && p.presence().userId().equals(otto));
        assertThat(cleoPhone.hello().presence()).noneMatch(p -> p.userId().equals(otto));
    }

    @Test
    void aCallAcrossNodesRingsBothDevicesOnTwoNodesAndTheOtherIsAnsweredElsewhere() throws Exception {
        String admin = newUser(Role.ADMIN, "ada");
        String client = newUser(Role.CLIENT, "carl");
        CallboardSession adaDesk = connect(a, admin, "ada-desk");
        CallboardSession carlPhone = connect(b, client, "carl-phone");
        CallboardSession carlLaptop = connect(c, client, "carl-laptop");
        CallboardClient adaApi = a.login(admin, PASSWORD);
        CallboardClient carlApi = b.login(client, PASSWORD);
        UUID carl = carlApi.me().id();

        Call call = adaApi.startCall(carl, Media.VIDEO);
        UUID id = call.id();
        assertThat(call.status()).isEqualTo(CallStatus.RINGING);
        carlPhone.awaitEvent(Event.CallIncoming.class, e -> e.call().id().equals(id), WAIT);
        carlLaptop.awaitEvent(Event.CallIncoming.class, e -> e.call().id().equals(id), WAIT);
        adaDesk.awaitEvent(Event.CallRinging.class, e -> e.call().id().equals(id), WAIT);

        // Answered through node C's REST API for the device on node B.
        Call answered = c.login(client, PASSWORD).answerCall(id, "carl-phone");
        assertThat(answered.status()).isEqualTo(CallStatus.ANSWERED);
        adaDesk.awaitEvent(Event.CallAnswered.class, e -> e.call().id().equals(id), WAIT);
        carlPhone.awaitEvent(Event.CallAnswered.class, e -> e.call().id().equals(id), WAIT);
        carlLaptop.awaitEvent(Event.CallAnsweredElsewhere.class, e -> e.call().id().equals(id), WAIT);
        await().atMost(WAIT).until(() -> adaApi.presence(carl).status() == PresenceStatus.IN_A_CALL);

        // Signalling crosses nodes, and goes only to the answering device.
        adaDesk.signal(id, Sdp.offer("v=0 offer")).get(10, TimeUnit.SECONDS);
        Event.CallSignal offer = carlPhone.awaitEvent(Event.CallSignal.class, s -> s.callId().equals(id), WAIT);
        assertThat(offer.fromDeviceId()).isEqualTo("ada-desk");
        carlPhone.signal(id, Sdp.answer("v=0 answer")).get(10, TimeUnit.SECONDS);
        Event.CallSignal answer = adaDesk.awaitEvent(Event.CallSignal.class, s -> s.callId().equals(id), WAIT);
        assertThat(answer.sdp()).isEqualTo(Sdp.answer("v=0 answer"));

        Call ended = carlApi.hangupCall(id);
        assertThat(ended.status()).isEqualTo(CallStatus.ENDED);
        adaDesk.awaitEvent(Event.CallEnded.class, e -> e.call().id().equals(id), WAIT);
        carlPhone.awaitEvent(Event.CallEnded.class, e -> e.call().id().equals(id), WAIT);
        carlLaptop.awaitEvent(Event.CallEnded.class, e -> e.call().id().equals(id), WAIT);
        await().atMost(WAIT).until(() -> adaApi.presence(carl).status() == PresenceStatus.AVAILABLE);
        assertThat(carlLaptop.recentEvents()).noneMatch(e -> e instanceof Event.CallSignal);
    }

    @Test
    void aReconnectToAnotherNodeGetsACorrectHello() {
        String admin = newUser(Role.ADMIN, "ada");
        String client = newUser(Role.CLIENT, "cleo");
        CallboardSession adaDesk = connect(a, admin, "ada-desk");
        CallboardSession cleoPhone = connect(b, client, "cleo-phone");
        cleoPhone.setPresence(PresenceUpdate.status(ManualStatus.DO_NOT_DISTURB).withMessage("Focus time")).join();
        UUID ada = a.login(admin, PASSWORD).me().id();
        UUID cleo = b.login(client, PASSWORD).me().id();
        // A call Ada made while Cleo was in DND: a missed call waiting for her.
        Call missed = a.login(admin, PASSWORD).startCall(cleo, Media.AUDIO);
        assertThat(missed.status()).isEqualTo(CallStatus.MISSED);
        cleoPhone.awaitEvent(Event.MissedCallsCount.class, e -> e.count() == 1, WAIT);

        cleoPhone.closeAbruptly();
        CallboardSession again = connect(c, client, "cleo-phone");

        Event.Hello hello = again.hello();
        assertThat(hello.me().id()).isEqualTo(cleo);
        assertThat(hello.unseenMissedCalls()).isEqualTo(1);
        Presence mine = hello.presence().stream().filter(p -> p.userId().equals(cleo)).findFirst().orElseThrow();
        assertThat(mine.status()).isEqualTo(PresenceStatus.DO_NOT_DISTURB);
        assertThat(mine.message()).isEqualTo("Focus time");
        Presence adas = hello.presence().stream().filter(p -> p.userId().equals(ada)).findFirst().orElseThrow();
        assertThat(adas.status()).isEqualTo(PresenceStatus.AVAILABLE);
        adaDesk.awaitEvent(Event.PresenceChanged.class, e -> is(e, cleo, PresenceStatus.DO_NOT_DISTURB), WAIT);
    }

    @Test
    void aDeviceThatReconnectsToAnotherNodeClosesItsOldSocketThere() {
        String admin = newUser(Role.ADMIN, "ada");
        String client = newUser(Role.CLIENT, "cleo");
        CallboardSession watcher = connect(a, admin, "ada-desk");
        CallboardSession old = b.login(client, PASSWORD).connect(SessionOptions.builder().deviceId("cleo-tab")
                .reconnect(null).build()).orTimeout(10, TimeUnit.SECONDS).join();
        sessions.add(old);
        UUID cleo = old.hello().me().id();

        CallboardSession again = connect(c, client, "cleo-tab");

        assertThat(old.closed().orTimeout(10, TimeUnit.SECONDS).join().code()).isEqualTo(4001);
        assertThat(again.isOpen()).isTrue();
        assertThat(a.login(admin, PASSWORD).presence(cleo).status()).isEqualTo(PresenceStatus.AVAILABLE);
        assertThat(c.login(admin, PASSWORD).presence(cleo).status()).isEqualTo(PresenceStatus.AVAILABLE);
        assertThat(watcher.isOpen()).isTrue();
    }

    @Test
    void malformedMessagesOnTheClusterChannelAreDroppedAndChangeNothing() {
        String admin = newUser(Role.ADMIN, "ada");
        String client = newUser(Role.CLIENT, "cleo");
        CallboardSession watcher = connect(a, admin, "ada-desk");
        RedisCluster redis = b.bean(RedisCluster.class);
        for (String garbage : List.of("", "X\nwho knows", "U\nnot-a-uuid\n{}", "D\n" + UUID.randomUUID(),
                "W\n" + UUID.randomUUID() + "\nSUPERUSER\n{}", "B\n" + UUID.randomUUID())) {
            redis.commands().publish(redis.eventsChannel(), garbage);
        }

        CallboardSession cleoPhone = connect(c, client, "cleo-phone");
        UUID cleo = cleoPhone.hello().me().id();
        watcher.awaitEvent(Event.PresenceChanged.class, e -> is(e, cleo, PresenceStatus.AVAILABLE), WAIT);
        assertThat(watcher.recentEvents()).noneMatch(e -> e instanceof Event.Unknown || e instanceof Event.Malformed);
        assertThat(watcher.isOpen()).isTrue();
    }

    @Test
    void aTabClosingBeaconSentToAnotherNodeTakesTheDeviceOffline() {
        String admin = newUser(Role.ADMIN, "ada");
        String client = newUser(Role.CLIENT, "cleo");
        CallboardSession watcher = connect(a, admin, "ada-desk");
        CallboardSession cleoTab = connect(b, client, "cleo-tab");
        UUID cleo = cleoTab.hello().me().id();
        watcher.awaitEvent(Event.PresenceChanged.class, e -> is(e, cleo, PresenceStatus.AVAILABLE), WAIT);

        a.login(client, PASSWORD).beacon(cleo, "cleo-tab", "not-the-key");
        c.login(client, PASSWORD).beacon(cleo, "cleo-tab", cleoTab.hello().beaconKey());

        watcher.awaitEvent(Event.PresenceChanged.class, e -> is(e, cleo, PresenceStatus.OFFLINE), WAIT);
        await().atMost(WAIT).until(() -> !cleoTab.isOpen());
    }
}
