package dev.callboard.call;

import dev.callboard.error.DomainException;
import dev.callboard.identity.CurrentUser;
import dev.callboard.web.ErrorMapping;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every race the call state machine must win exactly once, run {@value #ROUNDS} times each on
 * two real threads released together against a real PostgreSQL.
 */
class CallRaceIT {
    static final int ROUNDS = 500;

    private static final CallFixture f = new CallFixture();
    private static final ExecutorService threads = Executors.newFixedThreadPool(2);

    private CurrentUser admin;
    private CurrentUser client;

    @BeforeEach
    void users() {
        admin = f.admin("Ada");
        client = f.client("Carl");
        f.presence.online(admin.id(), "ada-1");
        f.presence.online(client.id(), "carl-1", "carl-2");
    }

    @AfterAll
    static void close() {
        threads.shutdownNow();
        f.close();
    }

    /** What one side of a race did: its value, or the DomainException it was refused with. */
    record Side<T>(T value, DomainException refused) {
        boolean won() {
            return refused == null;
        }
    }

    record Race<A, B>(Side<A> left, Side<B> right) {
        int winners() {
            return (left.won() ? 1 : 0) + (right.won() ? 1 : 0);
        }
    }

    static <A, B> Race<A, B> race(Callable<A> left, Callable<B> right) throws Exception {
        CyclicBarrier start = new CyclicBarrier(2);
        Future<Side<A>> l = threads.submit(() -> side(start, left));
        Future<Side<B>> r = threads.submit(() -> side(start, right));
        return new Race<>(l.get(10, TimeUnit.SECONDS), r.get(10, TimeUnit.SECONDS));
    }

    private static <T> Side<T> side(CyclicBarrier start, Callable<T> work) throws Exception {
        start.await();
        try {
            return new Side<>(work.call(), null);
        } catch (DomainException e) {
            assertThat(ErrorMapping.status(e)).as(e.getMessage()).isEqualTo(409);
            return new Side<>(null, e);
        }
    }

    @Test
    void answerAgainstRingTimeout() throws Exception {
        int answered = 0;
        for (int i = 0; i < ROUNDS; i++) {
            Call call = f.ring(admin, client);
            f.clock.advance(CallFixture.RING_TIMEOUT);
            Race<Call, Integer> race = race(() -> f.service.answer(client, call.id(), "carl-1"), f.sweeper::sweep);

            Call now = f.calls.find(call.id()).orElseThrow();
            boolean answerWon = race.left().won();
            assertThat(answerWon).isEqualTo(race.right().value() == 0);
            assertThat(now.status()).isEqualTo(answerWon ? CallStatus.ANSWERED : CallStatus.MISSED);
            assertThat(f.missedRecords(call.id())).isEqualTo(answerWon ? 0 : 1);
            if (answerWon) {
                answered++;
                f.service.hangup(admin, call.id(), null);
            }
        }
        assertInCallFlagsBalanced();
        System.out.printf("answer vs timeout: answer won %d of %d%n", answered, ROUNDS);
    }

    @Test
    void twoDevicesAnswerAtOnce() throws Exception {
        for (int i = 0; i < ROUNDS; i++) {
            Call call = f.ring(admin, client);
            Race<Call, Call> race = race(() -> f.service.answer(client, call.id(), "carl-1"),
                    () -> f.service.answer(client, call.id(), "carl-2"));

            assertThat(race.winners()).isEqualTo(1);
            Call now = f.calls.find(call.id()).orElseThrow();
            assertThat(now.status()).isEqualTo(CallStatus.ANSWERED);
            assertThat(now.answeredDeviceId()).isEqualTo(race.left().won() ? "carl-1" : "carl-2");
            assertThat(f.missedRecords(call.id())).isZero();
            assertThat(f.presence.calls(client.id())).isEqualTo(1);
            f.service.hangup(client, call.id(), null);
        }
        assertInCallFlagsBalanced();
    }

    @Test
    void glare() throws Exception {
        for (int i = 0; i < ROUNDS; i++) {
            Race<Call, Call> race = race(() -> f.ring(admin, client), () -> f.ring(client, admin));

            assertThat(race.winners()).isEqualTo(2);  // both requests get an answer; one call survives
            Call a = f.calls.find(race.left().value().id()).orElseThrow();
            Call b = f.calls.find(race.right().value().id()).orElseThrow();
            Call survivor = CallSetup.lower(a.id(), b.id()) ? a : b;
            Call loser = survivor == a ? b : a;
            assertThat(survivor.status()).isEqualTo(CallStatus.RINGING);
            assertThat(loser.status()).isEqualTo(CallStatus.CANCELLED);
            assertThat(loser.reason()).isEqualTo(HangupReason.GLARE);
            assertThat(loser.replacedBy()).isEqualTo(survivor.id());
            assertThat(f.ringingBetween(admin.id(), client.id())).isEqualTo(1);
            assertThat(f.missedRecords(a.id()) + f.missedRecords(b.id())).isZero();
            f.service.decline(survivor.calleeId().equals(admin.id()) ? admin : client, survivor.id(), null);
        }
    }

    @Test
    void glareAgainstTheRingTimeoutOfTheFirstCall() throws Exception {
        int timedOut = 0;
        for (int i = 0; i < ROUNDS; i++) {
            Call first = f.ring(admin, client);
            f.clock.advance(CallFixture.RING_TIMEOUT);
            Race<Call, Integer> race = race(() -> f.ring(client, admin), f.sweeper::sweep);

            Call a = f.calls.find(first.id()).orElseThrow();
            Call b = f.calls.find(race.left().value().id()).orElseThrow();
            assertThat(f.ringingBetween(admin.id(), client.id())).isLessThanOrEqualTo(1);
            assertThat(f.missedRecords(a.id())).isEqualTo(a.status() == CallStatus.MISSED ? 1 : 0);
            assertThat(f.missedRecords(b.id())).isZero();
            if (a.status() == CallStatus.CANCELLED) assertThat(a.replacedBy()).isEqualTo(b.id());
            if (b.status() == CallStatus.CANCELLED) assertThat(b.replacedBy()).isEqualTo(a.id());
            assertThat(a.status()).isIn(CallStatus.MISSED, CallStatus.CANCELLED, CallStatus.RINGING);
            if (a.status() == CallStatus.MISSED) timedOut++;
            assertThat(b.status()).isIn(CallStatus.RINGING, CallStatus.CANCELLED);
            for (Call c : List.of(a, b)) {
                if (f.calls.find(c.id()).orElseThrow().status() == CallStatus.RINGING) {
                    f.service.decline(c.calleeId().equals(admin.id()) ? admin : client, c.id(), null);
                }
            }
        }
        System.out.printf("glare vs timeout: the first call timed out in %d of %d%n", timedOut, ROUNDS);
    }

    @Test
    void theSameIdempotencyKeyConcurrently() throws Exception {
        for (int i = 0; i < ROUNDS; i++) {
            String key = "retry-" + i;
            f.bus.clear();
            Race<CallSetupResult, CallSetupResult> race = race(
                    () -> f.setup.create(admin, client.id(), Media.AUDIO, key),
                    () -> f.setup.create(admin, client.id(), Media.AUDIO, key));

            assertThat(race.winners()).isEqualTo(2);
            Call call = race.left().value().call();
            assertThat(race.right().value().call().id()).isEqualTo(call.id());
            assertThat(race.left().value().replayed()).isNotEqualTo(race.right().value().replayed());
            assertThat(f.jdbc.sql("SELECT count(*) FROM call_attempts WHERE caller_id = ? AND idempotency_key = ?")
                    .params(admin.id(), key).query(Integer.class).single()).isEqualTo(1);
            assertThat(f.bus.ofType(CallEvents.INCOMING)).hasSize(1);
            f.service.decline(client, call.id(), null);
        }
    }

    @Test
    void cancelAgainstAnswer() throws Exception {
        int cancelled = 0;
        for (int i = 0; i < ROUNDS; i++) {
            Call call = f.ring(admin, client);
            Race<Call, Call> race = race(() -> f.service.cancel(admin, call.id(), null),
                    () -> f.service.answer(client, call.id(), "carl-2"));

            assertThat(race.winners()).isEqualTo(1);
            Call now = f.calls.find(call.id()).orElseThrow();
            boolean cancelWon = race.left().won();
            assertThat(now.status()).isEqualTo(cancelWon ? CallStatus.CANCELLED : CallStatus.ANSWERED);
            assertThat(f.missedRecords(call.id())).isEqualTo(cancelWon ? 1 : 0);
            if (cancelWon) {
                cancelled++;
            } else {
                f.service.hangup(client, call.id(), null);
            }
        }
        assertInCallFlagsBalanced();
        System.out.printf("cancel vs answer: cancel won %d of %d%n", cancelled, ROUNDS);
    }

    @Test
    void bothPartiesHangUpAtOnce() throws Exception {
        for (int i = 0; i < ROUNDS; i++) {
            Call call = f.ring(admin, client);
            f.service.answer(client, call.id(), "carl-1");
            Race<Call, Call> race = race(() -> f.service.hangup(admin, call.id(), null),
                    () -> f.service.hangup(client, call.id(), null));

            assertThat(race.winners()).isEqualTo(1);
            assertThat(f.calls.find(call.id()).orElseThrow().status()).isEqualTo(CallStatus.ENDED);
        }
        assertInCallFlagsBalanced();
    }

    private void assertInCallFlagsBalanced() {
        assertThat(List.of(f.presence.calls(admin.id()), f.presence.calls(client.id()))).containsOnly(0);
    }
}
