package dev.callboard.presence;

import dev.callboard.directory.User;
import dev.callboard.directory.UserRepository;
import dev.callboard.identity.Role;
import dev.callboard.messaging.EventBus;
import dev.callboard.messaging.OutboundEvent;
import dev.callboard.support.Migrated;
import dev.callboard.support.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The engine against a real PostgreSQL, with time moved by hand. */
class PresenceEngineIT {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T09:00:00Z"));
    private final List<String> published = new CopyOnWriteArrayList<>();
    private final List<DroppedDevice> dropped = new CopyOnWriteArrayList<>();
    private Migrated db;
    private PresenceStore store;
    private PresenceStatusWriter writer;
    private PresenceEngine engine;
    private User admin;
    private User client;

    record DroppedDevice(UUID userId, String deviceId) {}

    /** Records what would be sent, as "audience:userId:status". */
    private final EventBus bus = new EventBus() {
        @Override
        public void toUsers(Collection<UUID> userIds, OutboundEvent event) {
            userIds.forEach(id -> published.add("self:" + id + ":" + ((PresenceView) event.data()).status().wire()));
        }

        @Override
        public void toDevice(UUID userId, String deviceId, OutboundEvent event) {
        }

        @Override
        public void toWatchersOf(UUID subjectId, Role role, OutboundEvent event) {
            PresenceView v = (PresenceView) event.data();
            assertThat(v.manualStatus()).as("watchers never see the manual choice").isNull();
            published.add("watchers:" + subjectId + ":" + v.status().wire());
        }
    };

    @BeforeEach
    void start() {
        db = new Migrated();
        UserRepository users = new UserRepository(db.jdbc);
        admin = users.create("admin-" + UUID.randomUUID() + "@x.test", "Ada", Role.ADMIN, null, "x");
        client = users.create("client-" + UUID.randomUUID() + "@x.test", "Cleo", Role.CLIENT, null, "x");
        store = new PresenceStore(db.jdbc);
        engine = newEngine();
    }

    private PresenceEngine newEngine() {
        writer = new PresenceStatusWriter(store, clock);
        var states = new LocalPresenceStates(LocalPresenceStates.NODE, store, writer, bus);
        return new PresenceEngine(states, store, writer, new PresenceRecomputer(PresenceThresholds.defaults(), clock),
                (userId, deviceId, connectionId) -> dropped.add(new DroppedDevice(userId, deviceId)));
    }

    /** Waits until the write-behind has stored every row enqueued so far. */
    private void flushWrites() {
        assertThat(writer.flush(Duration.ofSeconds(30))).as("presence rows written").isTrue();
    }

    @AfterEach
    void stop() throws InterruptedException {
        writer.close();
        db.close();
    }

    private long presenceWrites() {
        return db.jdbc.sql("SELECT coalesce(sum(n_tup_ins + n_tup_upd), 0) FROM pg_stat_user_tables WHERE relname = 'user_presence'")
                .query(Long.class).single();
    }

    @Test
    void connectingShowsAvailableToWatchersAndLeavingShowsOfflineWithLastSeen() {
        engine.deviceConnected(client.id(), Role.CLIENT, "laptop", 1);
        assertThat(engine.view(client.id(), false).status()).isEqualTo(PresenceStatus.AVAILABLE);
        assertThat(published).contains("watchers:" + client.id() + ":available");

        clock.advance(Duration.ofSeconds(10));
        engine.deviceLeft(client.id(), "laptop", 1);
        PresenceView after = engine.view(client.id(), false);
        assertThat(after.status()).isEqualTo(PresenceStatus.OFFLINE);
        assertThat(after.lastSeenAt()).isEqualTo(Instant.parse("2026-11-24T09:00:10Z"));
        assertThat(published).endsWith("watchers:" + client.id() + ":offline");

        flushWrites();
        engine.sweep();
        assertThat(engine.liveUserCount()).as("forgotten once stored").isZero();
        assertThat(engine.view(client.id(), false).lastSeenAt()).as("now read from PostgreSQL")
                .isEqualTo(Instant.parse("2026-11-24T09:00:10Z"));
    }

    @Test
    void heartbeatsNeverWriteToTheDatabase() throws Exception {
        engine.deviceConnected(client.id(), Role.CLIENT, "laptop", 1);
        flushWrites();
        long before = waitForStableWrites();
        for (int i = 0; i < 50; i++) {
            clock.advance(Duration.ofSeconds(30));
            engine.heartbeat(client.id(), Role.CLIENT, "laptop", 1, clock.instant(), true);
        }
        engine.sweep();
        flushWrites();
        assertThat(waitForStableWrites()).isEqualTo(before);
        assertThat(engine.view(client.id(), false).status()).isEqualTo(PresenceStatus.AVAILABLE);
    }

    /** pg_stat counters are reported asynchronously; read them in a fresh snapshot. */
    private long waitForStableWrites() {
        db.jdbc.sql("SELECT pg_stat_force_next_flush()").query().singleRow();
        db.jdbc.sql("SELECT pg_stat_clear_snapshot()").query().singleRow();
        return presenceWrites();
    }

    @Test
    void idleUserGoesAwayThenOfflineAndInputBringsHimBack() {
        engine.deviceConnected(client.id(), Role.CLIENT, "laptop", 1);
        Instant lastInput = clock.instant();
        for (int minute = 1; minute <= 16; minute++) {
            clock.advance(Duration.ofMinutes(1));
            engine.heartbeat(client.id(), Role.CLIENT, "laptop", 1, lastInput, true);
            engine.sweep();
            PresenceStatus expected = minute < 5 ? PresenceStatus.AVAILABLE : minute < 15 ? PresenceStatus.AWAY : PresenceStatus.OFFLINE;
            assertThat(engine.view(client.id(), false).status()).as("after %d idle minutes", minute).isEqualTo(expected);
        }
        assertThat(engine.view(client.id(), false).lastSeenAt()).isEqualTo(lastInput);
        engine.heartbeat(client.id(), Role.CLIENT, "laptop", 1, clock.instant(), true);
        assertThat(engine.view(client.id(), false).status()).isEqualTo(PresenceStatus.AVAILABLE);
    }

    @Test
    void silentDeviceIsDroppedAfterThreeMissedHeartbeatsWhileAnotherKeepsTheUserOnline() {
        engine.deviceConnected(admin.id(), Role.ADMIN, "phone", 1);
        engine.deviceConnected(admin.id(), Role.ADMIN, "laptop", 2);
        for (int i = 0; i < 3; i++) {
            clock.advance(Duration.ofSeconds(30));
            engine.heartbeat(admin.id(), Role.ADMIN, "laptop", 2, clock.instant(), true);
            engine.sweep();
        }
        assertThat(dropped).containsExactly(new DroppedDevice(admin.id(), "phone"));
        assertThat(engine.liveDevices(admin.id())).containsExactly("laptop");
        assertThat(engine.view(admin.id(), false).status()).isEqualTo(PresenceStatus.AVAILABLE);

        clock.advance(Duration.ofSeconds(90));
        engine.sweep();
        assertThat(engine.view(admin.id(), false).status()).isEqualTo(PresenceStatus.OFFLINE);
    }

    @Test
    void manualStatusAndMessageSurviveARestartAndExpire() throws Exception {
        engine.deviceConnected(client.id(), Role.CLIENT, "laptop", 1);
        engine.choose(client.id(), Role.CLIENT, new PresenceUpdate(true, ManualStatus.BUSY, Duration.ofHours(2), true, "In a workshop", null));
        engine.deviceLeft(client.id(), "laptop", 1);
        writer.close();

        engine = newEngine(); // a restart: nothing in memory
        PresenceView offline = engine.view(client.id(), true);
        assertThat(offline.status()).isEqualTo(PresenceStatus.OFFLINE);
        assertThat(offline.manualStatus()).isEqualTo(ManualStatus.BUSY);
        assertThat(offline.message()).isEqualTo("In a workshop");
        assertThat(offline.lastSeenAt()).isEqualTo(clock.instant());

        engine.deviceConnected(client.id(), Role.CLIENT, "laptop", 7);
        assertThat(engine.view(client.id(), false).status()).isEqualTo(PresenceStatus.BUSY);
        clock.advance(Duration.ofHours(2));
        engine.heartbeat(client.id(), Role.CLIENT, "laptop", 7, clock.instant(), true);
        assertThat(engine.view(client.id(), false).status()).isEqualTo(PresenceStatus.AVAILABLE);
    }

    @Test
    void appearOfflineShowsOfflineToOthersButTheUserKnowsWhy() {
        engine.deviceConnected(admin.id(), Role.ADMIN, "laptop", 1);
        engine.choose(admin.id(), Role.ADMIN, new PresenceUpdate(true, ManualStatus.APPEAR_OFFLINE, null, false, null, null));
        assertThat(engine.view(admin.id(), false).status()).isEqualTo(PresenceStatus.OFFLINE);
        assertThat(engine.view(admin.id(), false).manualStatus()).isNull();
        assertThat(engine.view(admin.id(), true).manualStatus()).isEqualTo(ManualStatus.APPEAR_OFFLINE);
        assertThat(engine.view(admin.id(), true).manualStatusExpiresAt()).isEqualTo(clock.instant().plus(Duration.ofDays(7)));
        assertThat(engine.reachability(admin.id())).isEqualTo(CallPresence.Reachability.OFFLINE);
    }

    @Test
    void inACallUnlessDoNotDisturb() {
        engine.deviceConnected(admin.id(), Role.ADMIN, "laptop", 1);
        engine.callStarted(admin.id());
        assertThat(engine.view(admin.id(), false).status()).isEqualTo(PresenceStatus.IN_A_CALL);
        assertThat(engine.isInCall(admin.id())).isTrue();
        engine.choose(admin.id(), Role.ADMIN, new PresenceUpdate(true, ManualStatus.DO_NOT_DISTURB, null, false, null, null));
        assertThat(engine.view(admin.id(), false).status()).isEqualTo(PresenceStatus.DO_NOT_DISTURB);
        assertThat(engine.reachability(admin.id())).isEqualTo(CallPresence.Reachability.DO_NOT_DISTURB);
        engine.choose(admin.id(), Role.ADMIN, new PresenceUpdate(true, null, null, false, null, null));
        engine.callEnded(admin.id());
        assertThat(engine.view(admin.id(), false).status()).isEqualTo(PresenceStatus.AVAILABLE);
    }

    @Test
    void aChoiceThatCannotBeStoredIsSeenByNobody() {
        engine.deviceConnected(admin.id(), Role.ADMIN, "laptop", 1);
        flushWrites();
        published.clear();
        // A real refusal by PostgreSQL, as a full disk or a lost connection would give.
        db.jdbc.sql("CREATE FUNCTION refuse_presence() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'refused'; END $$ "
                + "LANGUAGE plpgsql").update();
        db.jdbc.sql("CREATE TRIGGER refuse BEFORE INSERT OR UPDATE ON user_presence FOR EACH ROW "
                + "EXECUTE FUNCTION refuse_presence()").update();

        assertThatThrownBy(() -> engine.choose(admin.id(), Role.ADMIN,
                new PresenceUpdate(true, ManualStatus.DO_NOT_DISTURB, null, true, "Presenting", null)))
                .isInstanceOf(DataAccessException.class);

        PresenceView own = engine.view(admin.id(), true);
        assertThat(own.status()).isEqualTo(PresenceStatus.AVAILABLE);
        assertThat(own.manualStatus()).isNull();
        assertThat(own.message()).isNull();
        assertThat(engine.reachability(admin.id())).as("calls still ring").isEqualTo(CallPresence.Reachability.REACHABLE);
        assertThat(published).as("nothing announced").isEmpty();
    }

    @Test
    void aStaleSocketClosingDoesNotRemoveItsReplacement() {
        engine.deviceConnected(client.id(), Role.CLIENT, "laptop", 1);
        engine.deviceConnected(client.id(), Role.CLIENT, "laptop", 2); // same device reconnected
        engine.deviceLeft(client.id(), "laptop", 1);
        assertThat(engine.view(client.id(), false).status()).isEqualTo(PresenceStatus.AVAILABLE);
    }

    @Test
    void oneWritePerStatusChange() throws Exception {
        long before = waitForStableWrites();
        engine.deviceConnected(client.id(), Role.CLIENT, "laptop", 1);   // offline → available
        flushWrites();
        clock.advance(Duration.ofMinutes(6));
        engine.heartbeat(client.id(), Role.CLIENT, "laptop", 1, null, true); // → away
        flushWrites();
        engine.deviceLeft(client.id(), "laptop", 1);                      // → offline
        flushWrites();
        List<Long> writes = new ArrayList<>();
        writes.add(waitForStableWrites() - before);
        assertThat(writes).containsExactly(3L);
    }
}
