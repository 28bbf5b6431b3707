package dev.callboard.call;

import dev.callboard.directory.User;
import dev.callboard.directory.UserRepository;
import dev.callboard.identity.CurrentUser;
import dev.callboard.identity.Role;
import dev.callboard.missedcall.MissedCallNotifier;
import dev.callboard.missedcall.MissedCallRecorder;
import dev.callboard.missedcall.MissedCallRepository;
import dev.callboard.missedcall.MissedCallService;
import dev.callboard.support.Migrated;
import dev.callboard.support.MutableClock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * The calling feature wired by hand over a fresh real PostgreSQL, with in-memory presence and a
 * recording event bus in place of the two ports. {@link #restart()} builds new instances over the
 * same database, as a new server process would.
 */
public final class CallFixture implements AutoCloseable {
    public static final Duration RING_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration ABANDON_AFTER = Duration.ofSeconds(60);

    private final Migrated database = new Migrated();
    public final JdbcClient jdbc = database.jdbc;
    public final MutableClock clock = new MutableClock(Instant.parse("2026-01-02T10:00:00.123456Z"));
    public final InMemoryCallPresence presence = new InMemoryCallPresence();
    public final RecordingEventBus bus = new RecordingEventBus();
    public final UserRepository users;
    private final boolean busyOnBusy;

    public CallRepository calls;
    public MissedCallRepository missedCalls;
    public CallSetup setup;
    public CallService service;
    public RingTimeoutSweeper sweeper;
    public AbandonedCallSweeper abandoned;
    public CallSignalling signalling;
    public CallHistory history;
    public MissedCallService missedCallService;

    public CallFixture() {
        this(false);
    }

    public CallFixture(boolean busyOnBusy) {
        this.busyOnBusy = busyOnBusy;
        users = new UserRepository(jdbc);
        restart();
    }

    /** Fresh instances of every class over the same database, like a restarted server. */
    public void restart() {
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(database.dataSource));
        calls = new CallRepository(jdbc);
        missedCalls = new MissedCallRepository(jdbc);
        MissedCallNotifier notifier = new MissedCallNotifier(missedCalls, bus);
        MissedCallRecorder recorder = new MissedCallRecorder(missedCalls, notifier);
        CallStore store = new CallStore(tx, calls, recorder, clock);
        CallEvents events = new CallEvents(bus, presence, recorder);
        CallProperties properties = new CallProperties(RING_TIMEOUT, Duration.ofSeconds(1), busyOnBusy, ABANDON_AFTER, 30);
        // No start limit here: the races start many calls between the same two people at one instant.
        CallStartLimiter unlimited = new CallStartLimiter(clock, new CallProperties(null, null, false, null, Integer.MAX_VALUE));
        setup = new CallSetup(store, users, presence, events, properties, unlimited);
        service = new CallService(store, presence, events);
        sweeper = new RingTimeoutSweeper(store, events);
        abandoned = new AbandonedCallSweeper(store, presence, events, properties);
        signalling = new CallSignalling(calls, bus);
        history = new CallHistory(jdbc, users);
        missedCallService = new MissedCallService(missedCalls, notifier, setup, clock);
    }

    public CurrentUser admin(String name) {
        return user(name, Role.ADMIN);
    }

    public CurrentUser client(String name) {
        return user(name, Role.CLIENT);
    }

    private CurrentUser user(String name, Role role) {
        String unique = name + "-" + UUID.randomUUID();
        User u = users.create(unique + "@example.test", name, role, "https://avatars.test/" + name + ".png", "x");
        return new CurrentUser(u.id(), role);
    }

    public Call ring(CurrentUser caller, CurrentUser callee) {
        return setup.create(caller, callee.id(), Media.VIDEO, null).call();
    }

    public int missedRecords(UUID callId) {
        return jdbc.sql("SELECT count(*) FROM missed_calls WHERE call_id = ?").param(callId).query(Integer.class).single();
    }

    public int ringingBetween(UUID a, UUID b) {
        return jdbc.sql("SELECT count(*) FROM call_attempts WHERE status = 'ringing' AND "
                        + "((caller_id = ? AND callee_id = ?) OR (caller_id = ? AND callee_id = ?))")
                .params(a, b, b, a).query(Integer.class).single();
    }

    @Override
    public void close() {
        database.close();
    }
}
