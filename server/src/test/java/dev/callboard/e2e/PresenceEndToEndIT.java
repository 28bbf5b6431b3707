package dev.callboard.e2e;

import dev.callboard.client.CallboardClient;
import dev.callboard.client.CallboardException;
import dev.callboard.client.CallboardSession;
import dev.callboard.client.CloseStatus;
import dev.callboard.client.Event;
import dev.callboard.client.ManualStatus;
import dev.callboard.client.Presence;
import dev.callboard.client.PresenceStatus;
import dev.callboard.client.PresenceUpdate;
import dev.callboard.client.Role;
import dev.callboard.client.SessionOptions;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The foundation as users see it, over real sockets. Thresholds are shortened by configuration
 * (heartbeat 1 s, 2 missed → dropped, away after 2 s idle, offline after 4 s idle), never by sleeping long.
 */
@SharedServer
class PresenceEndToEndIT extends EndToEndTest {

    private static boolean about(Event.PresenceChanged e, UUID user, PresenceStatus status) {
        return e.presence().userId().equals(user) && e.presence().status() == status;
    }

    @Test
    void twoUsersSeeEachOtherGoOnlineWithinASecond() {
        CallboardClient admin = newUser(Role.ADMIN, "Ada");
        CallboardClient client = newUser(Role.CLIENT, "Cleo");
        UUID adminId = id(admin), clientId = id(client);

        CallboardSession adminSession = connect(admin);
        CallboardSession clientSession = connect(client);

        adminSession.awaitEvent(Event.PresenceChanged.class, e -> about(e, clientId, PresenceStatus.AVAILABLE), WITHIN_A_SECOND);
        assertThat(clientSession.hello().presence())
                .anySatisfy(p -> {
                    assertThat(p.userId()).isEqualTo(adminId);
                    assertThat(p.status()).isEqualTo(PresenceStatus.AVAILABLE);
                });
        assertThat(client.presence(adminId).status()).isEqualTo(PresenceStatus.AVAILABLE);
        assertThat(admin.directory()).anySatisfy(e -> {
            assertThat(e.user().id()).isEqualTo(clientId);
            assertThat(e.presence().status()).isEqualTo(PresenceStatus.AVAILABLE);
        });
    }

    @Test
    void aStatusSetOnOneDeviceShowsOnWatchersAndOnTheOtherDevice() {
        CallboardClient admin = newUser(Role.ADMIN, "Ada");
        CallboardClient client = newUser(Role.CLIENT, "Cleo");
        UUID adminId = id(admin);
        CallboardSession laptop = connect(admin, SessionOptions.builder().deviceId("laptop").build());
        CallboardSession phone = connect(admin, SessionOptions.builder().deviceId("phone").build());
        CallboardSession watcher = connect(client);

        laptop.setPresence(PresenceUpdate.status(ManualStatus.DO_NOT_DISTURB).forDuration(Duration.ofHours(1)).withMessage("Presenting")).join();

        Presence seen = watcher.awaitEvent(Event.PresenceChanged.class,
                e -> about(e, adminId, PresenceStatus.DO_NOT_DISTURB), WITHIN_A_SECOND).presence();
        assertThat(seen.message()).isEqualTo("Presenting");
        assertThat(seen.manualStatus()).as("the choice itself is private").isNull();
        Presence own = phone.awaitEvent(Event.PresenceChanged.class,
                e -> about(e, adminId, PresenceStatus.DO_NOT_DISTURB), WITHIN_A_SECOND).presence();
        assertThat(own.manualStatus()).isEqualTo(ManualStatus.DO_NOT_DISTURB);
        assertThat(own.manualStatusExpiresAt()).isAfter(Instant.now().plusSeconds(3500));

        admin.setPresence(PresenceUpdate.clearStatus());
        watcher.awaitEvent(Event.PresenceChanged.class, e -> about(e, adminId, PresenceStatus.AVAILABLE), WITHIN_A_SECOND);
    }

    @Test
    void aDeviceThatStopsHeartbeatingIsDroppedAndItsUserGoesOffline() {
        CallboardClient admin = newUser(Role.ADMIN, "Ada");
        CallboardClient client = newUser(Role.CLIENT, "Cleo");
        UUID clientId = id(client);
        CallboardSession watcher = connect(admin);
        CallboardSession silent = connect(client, SessionOptions.builder().autoHeartbeat(false).build());
        watcher.awaitEvent(Event.PresenceChanged.class, e -> about(e, clientId, PresenceStatus.AVAILABLE), SOON);

        // 2 missed 1 s heartbeats + one sweep: about 2.1 s.
        watcher.awaitEvent(Event.PresenceChanged.class, e -> about(e, clientId, PresenceStatus.OFFLINE), SOON);
        assertThat(silent.closed().orTimeout(5, java.util.concurrent.TimeUnit.SECONDS).join().code()).isEqualTo(4000);
        assertThat(admin.presence(clientId).lastSeenAt()).isNotNull();
    }

    @Test
    void idleUserGoesAwayThenOfflineAndComesBackOnInput() {
        CallboardClient admin = newUser(Role.ADMIN, "Ada");
        CallboardClient client = newUser(Role.CLIENT, "Cleo");
        UUID clientId = id(client);
        CallboardSession watcher = connect(admin);
        Instant lastInput = Instant.now();
        CallboardSession idle = connect(client, SessionOptions.builder().lastInputAt(() -> lastInput).build());

        watcher.awaitEvent(Event.PresenceChanged.class, e -> about(e, clientId, PresenceStatus.AWAY), SOON);
        watcher.awaitEvent(Event.PresenceChanged.class, e -> about(e, clientId, PresenceStatus.OFFLINE), SOON);
        assertThat(idle.isOpen()).as("idle, not gone: the socket stays").isTrue();

        idle.setLastInputSupplier(Instant::now);
        idle.heartbeat().join();
        watcher.awaitEvent(Event.PresenceChanged.class, e -> about(e, clientId, PresenceStatus.AVAILABLE), WITHIN_A_SECOND);
    }

    @Test
    void byeAndBeaconMakeTheUserOfflineAtOnce() {
        CallboardClient admin = newUser(Role.ADMIN, "Ada");
        CallboardClient client = newUser(Role.CLIENT, "Cleo");
        UUID clientId = id(client);
        CallboardSession watcher = connect(admin);

        CallboardSession tab = connect(client);
        watcher.awaitEvent(Event.PresenceChanged.class, e -> about(e, clientId, PresenceStatus.AVAILABLE), SOON);
        long mark = watcher.eventMark();
        tab.bye();
        watcher.awaitEventAfter(mark, Event.PresenceChanged.class, e -> about(e, clientId, PresenceStatus.OFFLINE), WITHIN_A_SECOND);

        CallboardSession closing = connect(client);
        watcher.awaitEvent(Event.PresenceChanged.class, e -> about(e, clientId, PresenceStatus.AVAILABLE), SOON);
        mark = watcher.eventMark();
        // A wrong key changes nothing; the right one closes the tab's device.
        CallboardClient.create(baseUri()).beacon(clientId, closing.deviceId(), "not-the-key");
        CallboardClient.create(baseUri()).beacon(clientId, closing.deviceId(), closing.hello().beaconKey());
        watcher.awaitEventAfter(mark, Event.PresenceChanged.class, e -> about(e, clientId, PresenceStatus.OFFLINE), WITHIN_A_SECOND);
        assertThat(closing.closed().orTimeout(5, java.util.concurrent.TimeUnit.SECONDS).join().code()).isEqualTo(1001);
    }

    @Test
    void aClientNeverLearnsOfAnotherClient() {
        CallboardClient admin = newUser(Role.ADMIN, "Ada");
        CallboardClient alice = newUser(Role.CLIENT, "Alice");
        CallboardClient bob = newUser(Role.CLIENT, "Bob");
        UUID aliceId = id(alice), bobId = id(bob), adminId = id(admin);

        CallboardSession bobSession = connect(bob);
        CallboardSession aliceSession = connect(alice);
        CallboardSession adminSession = connect(admin);

        assertThat(aliceSession.hello().presence()).extracting(Presence::userId).doesNotContain(bobId).contains(adminId, aliceId);
        assertThat(alice.directory()).extracting(e -> e.user().id()).doesNotContain(bobId).contains(adminId);
        assertThat(alice.onlinePresence()).extracting(Presence::userId).doesNotContain(bobId);

        bob.setPresence(PresenceUpdate.status(ManualStatus.BUSY).withMessage("Secret project"));
        bobSession.bye();
        // Admin events are sent to everyone after Bob's: once Alice has this one, Bob's would have arrived too.
        admin.setPresence(PresenceUpdate.status(ManualStatus.BE_RIGHT_BACK));
        aliceSession.awaitEvent(Event.PresenceChanged.class, e -> about(e, adminId, PresenceStatus.BE_RIGHT_BACK), SOON);
        adminSession.awaitEvent(Event.PresenceChanged.class, e -> about(e, bobId, PresenceStatus.OFFLINE), SOON);
        assertThat(aliceSession.recentEvents()).noneMatch(e -> e.toString().contains(bobId.toString()));

        CallboardException hidden = catchApi(() -> alice.presence(bobId));
        CallboardException unknown = catchApi(() -> alice.presence(UUID.randomUUID()));
        assertThat(hidden.status()).isEqualTo(404);
        assertThat(hidden.code()).isEqualTo(unknown.code());
        assertThat(hidden.getMessage()).isEqualTo(unknown.getMessage());
    }

    private static CallboardException catchApi(Runnable call) {
        try {
            call.run();
        } catch (CallboardException e) {
            return e;
        }
        throw new AssertionError("expected an error");
    }

    @Test
    void badFramesGetClearErrorsAndChangeNothing() {
        CallboardClient client = newUser(Role.CLIENT, "Cleo");
        CallboardSession s = connect(client);

        s.sendRaw("{not json");
        assertThat(s.awaitEvent(Event.ServerError.class, Duration.ofSeconds(2)).code()).isEqualTo("bad_request");
        assertThatThrownBy(() -> s.request("presence.teleport", java.util.Map.of()).join())
                .hasMessageContaining("unknown_type");
        assertThatThrownBy(() -> s.request("presence.set", java.util.Map.of("role", "admin")).join())
                .hasMessageContaining("unknown field 'role'");
        assertThatThrownBy(() -> s.request("presence.set", java.util.Map.of("status", "in_a_call")).join())
                .hasMessageContaining("status must be one of");
        assertThatThrownBy(() -> s.request("heartbeat", java.util.Map.of("lastInputAt", "yesterday")).join())
                .hasMessageContaining("lastInputAt");
        assertThat(client.me().role()).isEqualTo(Role.CLIENT);
        assertThat(client.presence(id(client)).status()).isEqualTo(PresenceStatus.AVAILABLE);
        assertThat(s.isOpen()).isTrue();

        s.sendRaw("{\"type\":\"heartbeat\",\"data\":\"" + "x".repeat(70_000) + "\"}");
        assertThat(s.closed().orTimeout(5, java.util.concurrent.TimeUnit.SECONDS).join().code()).isEqualTo(CloseStatus.TOO_BIG);
    }

    @Test
    void aFloodIsCutOff() {
        CallboardClient client = newUser(Role.CLIENT, "Cleo");
        CallboardSession s = connect(client);
        for (int i = 0; i < 200 && s.isOpen(); i++) s.sendRaw("{\"type\":\"heartbeat\"}");
        assertThat(s.closed().orTimeout(5, java.util.concurrent.TimeUnit.SECONDS).join().code()).isEqualTo(1008);
    }

    @Test
    void reconnectingGetsAFreshHello() {
        CallboardClient admin = newUser(Role.ADMIN, "Ada");
        CallboardClient client = newUser(Role.CLIENT, "Cleo");
        CallboardSession first = connect(client);
        first.closeAbruptly();
        admin.setPresence(PresenceUpdate.status(ManualStatus.BUSY).withMessage("Back at 3"));
        CallboardSession second = connect(client);
        assertThat(second.hello().presence()).anySatisfy(p -> {
            assertThat(p.userId()).isEqualTo(id(admin));
            assertThat(p.message()).isEqualTo("Back at 3");
        });
        await().atMost(SOON).until(() -> client.presence(id(client)).status() == PresenceStatus.AVAILABLE);
    }
}
