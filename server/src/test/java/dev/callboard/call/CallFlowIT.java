package dev.callboard.call;

import dev.callboard.error.DomainException;
import dev.callboard.identity.CurrentUser;
import dev.callboard.missedcall.MissedCallNotifier;
import dev.callboard.web.ErrorMapping;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The call rules end to end through the service layer, against a real PostgreSQL. */
class CallFlowIT {
    private static final CallFixture f = new CallFixture();

    private CurrentUser admin;
    private CurrentUser client;

    @BeforeEach
    void users() {
        admin = f.admin("Ada");
        client = f.client("Carl");
        f.presence.online(admin.id(), "ada-laptop");
        f.presence.online(client.id(), "carl-phone", "carl-laptop");
        f.bus.clear();
    }

    @AfterAll
    static void close() {
        f.close();
    }

    @Test
    void ringingCallRingsEveryCalleeDeviceAndTellsTheCaller() {
        Call call = f.ring(admin, client);

        assertThat(call.status()).isEqualTo(CallStatus.RINGING);
        assertThat(call.ringDeadline()).isEqualTo(call.startedAt().plus(CallFixture.RING_TIMEOUT));
        assertThat(call.callerName()).isEqualTo("Ada");
        assertThat(f.bus.ofType(CallEvents.INCOMING)).singleElement()
                .satisfies(s -> assertThat(s.userId()).isEqualTo(client.id()))
                .satisfies(s -> assertThat(s.deviceId()).isNull());
        assertThat(f.bus.ofType(CallEvents.RINGING)).singleElement()
                .satisfies(s -> assertThat(s.userId()).isEqualTo(admin.id()));
    }

    @Test
    void offlineCalleeIsMissedAtOnceWithARecord() {
        f.presence.online(client.id());
        Call call = f.ring(admin, client);

        assertThat(call.status()).isEqualTo(CallStatus.MISSED);
        assertThat(call.reason()).isEqualTo(HangupReason.OFFLINE);
        assertThat(call.endedAt()).isEqualTo(call.startedAt());
        assertThat(call.durationSeconds()).isNull();
        assertThat(f.missedRecords(call.id())).isEqualTo(1);
        assertThat(f.bus.ofType(CallEvents.INCOMING)).isEmpty();
        assertThat(f.bus.ofType("call.missed")).extracting(RecordingEventBus.Sent::userId)
                .containsExactlyInAnyOrder(admin.id(), client.id());
        assertThat(f.bus.ofType(MissedCallNotifier.CREATED)).singleElement()
                .satisfies(s -> assertThat(s.userId()).isEqualTo(client.id()));
        assertThat(f.bus.ofType(MissedCallNotifier.COUNT)).singleElement()
                .satisfies(s -> assertThat(s.event().data()).isEqualTo(new MissedCallNotifier.CountPayload(1)));
    }

    @Test
    void doNotDisturbCalleeIsMissedWithoutRinging() {
        f.presence.doNotDisturb(client.id());
        Call call = f.ring(admin, client);

        assertThat(call.status()).isEqualTo(CallStatus.MISSED);
        assertThat(call.reason()).isEqualTo(HangupReason.DO_NOT_DISTURB);
        assertThat(f.missedRecords(call.id())).isEqualTo(1);
        assertThat(f.bus.ofType(CallEvents.INCOMING)).isEmpty();
    }

    @Test
    void firstAnswerWinsAndTheOtherDevicesStopRinging() {
        Call call = f.ring(admin, client);
        f.bus.clear();

        Call answered = f.service.answer(client, call.id(), "carl-phone");

        assertThat(answered.status()).isEqualTo(CallStatus.ANSWERED);
        assertThat(answered.answeredDeviceId()).isEqualTo("carl-phone");
        assertThat(f.presence.calls(admin.id())).isEqualTo(1);
        assertThat(f.presence.calls(client.id())).isEqualTo(1);
        assertThat(f.bus.ofType(CallEvents.ANSWERED)).extracting(s -> s.userId() + "/" + s.deviceId())
                .containsExactlyInAnyOrder(admin.id() + "/null", client.id() + "/carl-phone");
        assertThat(f.bus.ofType(CallEvents.ANSWERED_ELSEWHERE)).extracting(s -> s.userId() + "/" + s.deviceId())
                .containsExactly(client.id() + "/carl-laptop");
        assertThatThrownBy(() -> f.service.answer(client, call.id(), "carl-laptop")).satisfies(conflict());
    }

    @Test
    void hangingUpAnAnsweredCallEndsItWithTheDurationInWholeSeconds() {
        Call call = f.ring(admin, client);
        f.clock.advance(Duration.ofSeconds(3));
        f.service.answer(client, call.id(), "carl-laptop");
        f.clock.advance(Duration.ofSeconds(75).plusMillis(999));

        Call ended = f.service.hangup(client, call.id(), null);

        assertThat(ended.status()).isEqualTo(CallStatus.ENDED);
        assertThat(ended.reason()).isEqualTo(HangupReason.USER_HANGUP);
        assertThat(ended.durationSeconds()).isEqualTo(75);
        assertThat(Duration.between(ended.answeredAt(), ended.endedAt())).isEqualTo(Duration.ofMillis(75_999));
        assertThat(f.presence.calls(admin.id())).isZero();
        assertThat(f.presence.calls(client.id())).isZero();
        assertThat(f.bus.ofType("call.ended")).extracting(RecordingEventBus.Sent::userId)
                .containsExactlyInAnyOrder(admin.id(), client.id());
        assertThat(f.missedRecords(call.id())).isZero();
        assertThatThrownBy(() -> f.service.hangup(admin, call.id(), null)).satisfies(conflict());
    }

    @Test
    void aMediaFailureFailsTheCall() {
        Call call = f.ring(admin, client);
        f.service.answer(client, call.id(), "carl-laptop");
        Call failed = f.service.hangup(admin, call.id(), "ice_failed");
        assertThat(failed.status()).isEqualTo(CallStatus.FAILED);
        assertThat(failed.reason()).isEqualTo(HangupReason.ICE_FAILED);
        assertThat(failed.durationSeconds()).isZero();
        assertThat(f.presence.calls(client.id())).isZero();
    }

    @Test
    void anAnsweredCallWhoseDeviceIsGoneFailsAfterTheGracePeriod() {
        Call call = f.ring(admin, client);
        f.service.answer(client, call.id(), "carl-phone");
        f.abandoned.sweep();

        f.presence.online(client.id(), "carl-laptop");  // the answering phone crashed
        f.abandoned.sweep();
        f.clock.advance(CallFixture.ABANDON_AFTER.minusSeconds(1));
        assertThat(f.abandoned.sweep()).isZero();
        f.presence.online(client.id(), "carl-laptop", "carl-phone");  // it came back in time
        f.abandoned.sweep();
        f.clock.advance(Duration.ofSeconds(5));
        assertThat(f.abandoned.sweep()).isZero();

        f.presence.online(client.id(), "carl-laptop");  // gone again, for good
        f.abandoned.sweep();
        f.clock.advance(CallFixture.ABANDON_AFTER);
        f.abandoned.sweep();

        Call failed = f.calls.find(call.id()).orElseThrow();
        assertThat(failed.status()).isEqualTo(CallStatus.FAILED);
        assertThat(failed.reason()).isEqualTo(HangupReason.CONNECTION_LOST);
        assertThat(failed.durationSeconds()).isEqualTo(124);
        assertThat(f.presence.calls(admin.id())).isZero();
        assertThat(f.presence.calls(client.id())).isZero();
        assertThat(f.bus.ofType("call.failed"))
                .filteredOn(s -> ((CallEvents.Payload) s.event().data()).call().id().equals(call.id()))
                .extracting(RecordingEventBus.Sent::userId).containsExactlyInAnyOrder(admin.id(), client.id());
    }

    @Test
    void declineOnAnyDeviceEndsItEverywhereWithoutAMissedCall() {
        Call call = f.ring(admin, client);
        Call declined = f.service.decline(client, call.id(), null);
        assertThat(declined.status()).isEqualTo(CallStatus.DECLINED);
        assertThat(f.missedRecords(call.id())).isZero();
        assertThat(f.bus.ofType("call.declined")).extracting(RecordingEventBus.Sent::userId)
                .containsExactlyInAnyOrder(admin.id(), client.id());
    }

    @Test
    void cancellingWhileRingingLeavesTheCalleeAMissedCall() {
        Call call = f.ring(admin, client);
        Call cancelled = f.service.cancel(admin, call.id(), null);
        assertThat(cancelled.status()).isEqualTo(CallStatus.CANCELLED);
        assertThat(f.missedRecords(call.id())).isEqualTo(1);
        assertThat(f.bus.ofType(MissedCallNotifier.CREATED)).singleElement()
                .satisfies(s -> assertThat(s.userId()).isEqualTo(client.id()));
    }

    @Test
    void hangupWhileRingingIsCancelForTheCallerAndDeclineForTheCallee() {
        Call one = f.ring(admin, client);
        assertThat(f.service.hangup(admin, one.id(), null).status()).isEqualTo(CallStatus.CANCELLED);
        Call two = f.ring(admin, client);
        assertThat(f.service.hangup(client, two.id(), "user_busy").status()).isEqualTo(CallStatus.DECLINED);
    }

    @Test
    void onlyTheRightPartyMayMakeEachMove() {
        Call call = f.ring(admin, client);
        assertThatThrownBy(() -> f.service.answer(admin, call.id(), "ada-laptop")).satisfies(conflict());
        assertThatThrownBy(() -> f.service.decline(admin, call.id(), null)).satisfies(conflict());
        assertThatThrownBy(() -> f.service.cancel(client, call.id(), null)).satisfies(conflict());
        assertThatThrownBy(() -> f.service.answer(client, call.id(), "not-my-device")).satisfies(status(400));
        assertThatThrownBy(() -> f.service.decline(client, call.id(), "because")).satisfies(status(400));
        assertThat(f.calls.find(call.id()).orElseThrow().status()).isEqualTo(CallStatus.RINGING);
    }

    @Test
    void strangersGetNotFoundAndOtherAdminsMayOnlyRead() {
        Call call = f.ring(admin, client);
        CurrentUser stranger = f.client("Stan");
        CurrentUser otherAdmin = f.admin("Olga");
        f.presence.online(stranger.id(), "stan-1");

        assertThatThrownBy(() -> f.service.get(stranger, call.id())).satisfies(status(404));
        assertThatThrownBy(() -> f.service.answer(stranger, call.id(), "stan-1")).satisfies(status(404));
        assertThatThrownBy(() -> f.service.hangup(stranger, call.id(), null)).satisfies(status(404));
        assertThatThrownBy(() -> f.service.get(client, UUID.randomUUID())).satisfies(status(404));
        assertThat(f.service.get(otherAdmin, call.id()).id()).isEqualTo(call.id());
        assertThatThrownBy(() -> f.service.hangup(otherAdmin, call.id(), null)).satisfies(status(403));
    }

    @Test
    void aClientMayCallAdminsOnlyAndNobodyMayCallHimself() {
        CurrentUser otherClient = f.client("Cleo");
        f.presence.online(otherClient.id(), "cleo-1");
        assertThatThrownBy(() -> f.ring(client, otherClient)).satisfies(status(404));
        assertThatThrownBy(() -> f.setup.create(client, UUID.randomUUID(), Media.AUDIO, null)).satisfies(status(404));
        assertThatThrownBy(() -> f.ring(client, client)).satisfies(status(400));
        assertThat(f.ring(client, admin).status()).isEqualTo(CallStatus.RINGING);
    }

    @Test
    void ringTimeoutMakesAMissedCallOnceEvenAcrossARestart() {
        Call call = f.ring(admin, client);
        f.clock.advance(CallFixture.RING_TIMEOUT.minusMillis(1));
        f.sweeper.sweep();
        assertThat(f.calls.find(call.id()).orElseThrow().status()).isEqualTo(CallStatus.RINGING);

        f.restart();  // the process that rang the call is gone; only the stored deadline remains
        f.clock.advance(Duration.ofMillis(1));
        f.sweeper.sweep();
        f.restart();
        f.sweeper.sweep();

        Call missed = f.calls.find(call.id()).orElseThrow();
        assertThat(missed.status()).isEqualTo(CallStatus.MISSED);
        assertThat(missed.reason()).isEqualTo(HangupReason.INVITE_TIMEOUT);
        assertThat(f.missedRecords(call.id())).isEqualTo(1);
        assertThat(f.bus.ofType(MissedCallNotifier.CREATED)).filteredOn(s -> s.userId().equals(client.id())).hasSize(1);
        assertThatThrownBy(() -> f.service.answer(client, call.id(), "carl-phone")).satisfies(conflict());
    }

    @Test
    void theSameIdempotencyKeyReturnsTheSameCall() {
        Call first = f.setup.create(admin, client.id(), Media.AUDIO, "key-1").call();
        f.service.answer(client, first.id(), "carl-phone");
        CallSetupResult again = f.setup.create(admin, client.id(), Media.AUDIO, "key-1");
        assertThat(again.replayed()).isTrue();
        assertThat(again.call().id()).isEqualTo(first.id());
        assertThat(again.call().status()).isEqualTo(CallStatus.ANSWERED);
        assertThatThrownBy(() -> f.setup.create(admin, client.id(), Media.VIDEO, "key-1")).satisfies(conflict());
        // Another caller's key is his own.
        assertThat(f.setup.create(client, admin.id(), Media.AUDIO, "key-1").call().id()).isNotEqualTo(first.id());
    }

    @Test
    void callingAgainWhileRingingReturnsTheRingingCall() {
        Call first = f.ring(admin, client);
        assertThat(f.ring(admin, client).id()).isEqualTo(first.id());
        assertThat(f.bus.ofType(CallEvents.INCOMING)).hasSize(1);
    }

    @Test
    void glareLeavesOneRingingCallTheOneWithTheLowerId() {
        Call first = f.ring(admin, client);
        Call second = f.ring(client, admin);

        Call survivor = CallSetup.lower(first.id(), second.id()) ? first : second;
        Call loser = survivor == first ? second : first;
        Call loserNow = f.calls.find(loser.id()).orElseThrow();
        assertThat(f.calls.find(survivor.id()).orElseThrow().status()).isEqualTo(CallStatus.RINGING);
        assertThat(loserNow.status()).isEqualTo(CallStatus.CANCELLED);
        assertThat(loserNow.reason()).isEqualTo(HangupReason.GLARE);
        assertThat(loserNow.replacedBy()).isEqualTo(survivor.id());
        assertThat(f.missedRecords(loser.id())).isZero();
        assertThat(f.ringingBetween(admin.id(), client.id())).isEqualTo(1);
    }

    @Test
    void busyOnBusyGivesTheCallerBusyAndTheCalleeAMissedCall() {
        try (CallFixture busy = new CallFixture(true)) {
            CurrentUser a = busy.admin("A");
            CurrentUser b = busy.admin("B");
            CurrentUser c = busy.client("C");
            busy.presence.online(a.id(), "a").online(b.id(), "b").online(c.id(), "c");
            busy.service.answer(b, busy.ring(a, b).id(), "b");

            Call call = busy.ring(c, b);
            assertThat(call.status()).isEqualTo(CallStatus.MISSED);
            assertThat(call.reason()).isEqualTo(HangupReason.USER_BUSY);
            assertThat(busy.missedRecords(call.id())).isEqualTo(1);
        }
        // Call waiting (the default) rings instead.
        CurrentUser other = f.admin("Otto");
        f.presence.online(other.id(), "otto");
        f.service.answer(client, f.ring(admin, client).id(), "carl-phone");
        assertThat(f.ring(other, client).status()).isEqualTo(CallStatus.RINGING);
    }

    static java.util.function.Consumer<Throwable> conflict() {
        return status(409);
    }

    static java.util.function.Consumer<Throwable> status(int status) {
        return e -> assertThat(e).isInstanceOfSatisfying(DomainException.class, a -> assertThat(ErrorMapping.status(a)).isEqualTo(status));
    }
}
