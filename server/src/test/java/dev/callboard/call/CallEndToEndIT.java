package dev.callboard.call;

import dev.callboard.client.Call;
import dev.callboard.client.CallboardClient;
import dev.callboard.client.CallboardException;
import dev.callboard.client.CallboardSession;
import dev.callboard.client.Event;
import dev.callboard.client.IceCandidate;
import dev.callboard.client.Media;
import dev.callboard.client.MissedCall;
import dev.callboard.client.PresenceStatus;
import dev.callboard.client.Sdp;
import dev.callboard.directory.User;
import dev.callboard.identity.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Calling end to end over real sockets with the Java SDK: REST for moves, WebSocket for events and signals. */
class CallEndToEndIT extends CallingEndToEndTest {
    User ada;       // admin, the caller
    User carl;      // client, the callee, on two devices
    User stan;      // another client: must never see anything of the call
    User olga;      // another admin: may read the call, never receives its events
    CallboardClient adaApi;
    CallboardClient carlApi;
    CallboardClient stanApi;
    CallboardClient olgaApi;

    @BeforeEach
    void users() {
        ada = createUser(Role.ADMIN);
        carl = createUser(Role.CLIENT);
        stan = createUser(Role.CLIENT);
        olga = createUser(Role.ADMIN);
        adaApi = client(ada);
        carlApi = client(carl);
        stanApi = client(stan);
        olgaApi = client(olga);
    }

    @Test
    void ringSignalAnswerTalkAndHangUp() throws Exception {
        CallboardSession adaLaptop = connect(adaApi, "ada-laptop");
        CallboardSession carlPhone = connect(carlApi, "carl-phone");
        CallboardSession carlLaptop = connect(carlApi, "carl-laptop");
        CallboardSession stanPhone = connect(stanApi, "stan-phone");
        CallboardSession olgaDesk = connect(olgaApi, "olga-desk");

        Call call = adaApi.startCall(carl.id(), Media.VIDEO);
        UUID id = call.id();
        assertThat(call.status()).isEqualTo(dev.callboard.client.CallStatus.RINGING);
        Call incoming = carlPhone.awaitEvent(Event.CallIncoming.class, e -> e.call().id().equals(id), WAIT).call();
        assertThat(incoming.callerName()).isEqualTo(ada.displayName());
        carlLaptop.awaitEvent(Event.CallIncoming.class, e -> e.call().id().equals(id), WAIT);
        adaLaptop.awaitEvent(Event.CallRinging.class, e -> e.call().id().equals(id), WAIT);

        // Before the answer the caller's offer reaches every ringing device.
        adaLaptop.signal(id, Sdp.offer("v=0 offer")).get(10, TimeUnit.SECONDS);
        for (CallboardSession device : new CallboardSession[] {carlPhone, carlLaptop}) {
            Event.CallSignal offer = device.awaitEvent(Event.CallSignal.class, s -> s.callId().equals(id), WAIT);
            assertThat(offer.fromUserId()).isEqualTo(ada.id());
            assertThat(offer.fromDeviceId()).isEqualTo("ada-laptop");
            assertThat(offer.sdp()).isEqualTo(Sdp.offer("v=0 offer"));
        }
        assertRefused(carlLaptop.signal(id, Sdp.answer("too early")), "not_answered");

        Call answered = carlApi.answerCall(id, "carl-phone");
        assertThat(answered.status()).isEqualTo(dev.callboard.client.CallStatus.ANSWERED);
        adaLaptop.awaitEvent(Event.CallAnswered.class, e -> e.call().id().equals(id), WAIT);
        carlPhone.awaitEvent(Event.CallAnswered.class, e -> e.call().id().equals(id), WAIT);
        carlLaptop.awaitEvent(Event.CallAnsweredElsewhere.class, e -> e.call().id().equals(id), WAIT);
        assertThat(adaApi.presence(carl.id()).status()).isEqualTo(PresenceStatus.IN_A_CALL);
        assertThat(carlApi.presence(ada.id()).status()).isEqualTo(PresenceStatus.IN_A_CALL);

        // After the answer only the two devices talk.
        carlPhone.signal(id, Sdp.answer("v=0 answer")).get(10, TimeUnit.SECONDS);
        Event.CallSignal answer = adaLaptop.awaitEvent(Event.CallSignal.class,
                s -> s.callId().equals(id) && s.sdp() != null && "answer".equals(s.sdp().type()), WAIT);
        assertThat(answer.fromDeviceId()).isEqualTo("carl-phone");
        IceCandidate candidate = new IceCandidate("candidate:1 1 udp 2122260223 10.0.0.7 54400 typ host", "0", 0, "abcd");
        adaLaptop.signal(id, candidate).get(10, TimeUnit.SECONDS);
        assertThat(carlPhone.awaitEvent(Event.CallSignal.class, s -> candidate.equals(s.candidate()), WAIT).fromDeviceId())
                .isEqualTo("ada-laptop");
        assertRefused(carlLaptop.signal(id, candidate), "wrong_device");

        // Nobody else can touch the call.
        assertRefused(stanPhone.signal(id, Sdp.offer("intruder")), "not_found");
        assertRefused(olgaDesk.signal(id, Sdp.offer("intruder")), "not_found");
        assertThatThrownBy(() -> stanApi.getCall(id)).satisfies(status(404));
        assertThatThrownBy(() -> stanApi.answerCall(id, "stan-phone")).satisfies(status(404));
        assertThatThrownBy(() -> stanApi.hangupCall(id)).satisfies(status(404));
        assertThat(olgaApi.getCall(id).id()).isEqualTo(id);
        assertThatThrownBy(() -> olgaApi.hangupCall(id)).satisfies(status(403));

        Call ended = adaApi.hangupCall(id);
        assertThat(ended.status()).isEqualTo(dev.callboard.client.CallStatus.ENDED);
        assertThat(ended.durationSeconds()).isNotNull().isNotNegative();
        adaLaptop.awaitEvent(Event.CallEnded.class, e -> e.call().id().equals(id), WAIT);
        carlPhone.awaitEvent(Event.CallEnded.class, e -> e.call().id().equals(id), WAIT);
        carlLaptop.awaitEvent(Event.CallEnded.class, e -> e.call().id().equals(id), WAIT);  // all before it has arrived
        assertThat(adaApi.presence(carl.id()).status()).isNotEqualTo(PresenceStatus.IN_A_CALL);

        // The laptop got the offer only, nothing after the answer; the outsiders got nothing of the call.
        assertThat(carlLaptop.recentEvents()).filteredOn(e -> e instanceof Event.CallSignal).hasSize(1);
        for (CallboardSession outsider : new CallboardSession[] {stanPhone, olgaDesk}) {
            assertThat(outsider.recentEvents()).noneMatch(e -> e instanceof Event.CallEvent || e instanceof Event.CallSignal);
        }
    }

    @Test
    void whenBothCallEachOtherAtOnceOneCallSurvivesAndTheOtherPointsAtIt() throws Exception {
        CallboardSession adaLaptop = connect(adaApi, "ada-laptop");
        CallboardSession carlPhone = connect(carlApi, "carl-phone");
        Call a;
        Call b;
        // own threads: the common pool may have a single worker, which would place the calls one after the other
        try (var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            var fromAda = java.util.concurrent.CompletableFuture.supplyAsync(() -> adaApi.startCall(carl.id(), Media.VIDEO), threads);
            var fromCarl = java.util.concurrent.CompletableFuture.supplyAsync(() -> carlApi.startCall(ada.id(), Media.VIDEO), threads);
            a = fromAda.get(10, TimeUnit.SECONDS);
            b = fromCarl.get(10, TimeUnit.SECONDS);
        }

        Call lost = adaApi.getCall(a.id()).status() == dev.callboard.client.CallStatus.RINGING ? adaApi.getCall(b.id()) : adaApi.getCall(a.id());
        Call survivor = lost.id().equals(a.id()) ? b : a;
        assertThat(adaApi.getCall(survivor.id()).status()).isEqualTo(dev.callboard.client.CallStatus.RINGING);
        assertThat(lost.status()).isEqualTo(dev.callboard.client.CallStatus.CANCELLED);
        assertThat(lost.reason()).isEqualTo(dev.callboard.client.CallReason.GLARE);
        assertThat(lost.replacedBy()).isEqualTo(survivor.id());
        assertThat(survivor.id().toString()).isLessThan(lost.id().toString());

        // The loser's callee answers the survivor, which is ringing on his device.
        boolean carlIsCallee = survivor.calleeId().equals(carl.id());
        CallboardSession callee = carlIsCallee ? carlPhone : adaLaptop;
        callee.awaitEvent(Event.CallIncoming.class, e -> e.call().id().equals(survivor.id()), WAIT);
        Call answered = (carlIsCallee ? carlApi : adaApi).answerCall(survivor.id(), callee.deviceId());
        assertThat(answered.status()).isEqualTo(dev.callboard.client.CallStatus.ANSWERED);
        assertThat(carlApi.unseenMissedCallCount() + adaApi.unseenMissedCallCount()).isZero();
    }

    @Test
    void declineOnOneDeviceStopsEveryDevice() throws Exception {
        CallboardSession adaLaptop = connect(adaApi, "ada-laptop");
        CallboardSession carlPhone = connect(carlApi, "carl-phone");
        CallboardSession carlLaptop = connect(carlApi, "carl-laptop");
        UUID id = adaApi.startCall(carl.id(), Media.AUDIO).id();
        carlLaptop.awaitEvent(Event.CallIncoming.class, e -> e.call().id().equals(id), WAIT);

        carlApi.declineCall(id);

        for (CallboardSession s : new CallboardSession[] {adaLaptop, carlPhone, carlLaptop}) {
            s.awaitEvent(Event.CallDeclined.class, e -> e.call().id().equals(id), WAIT);
        }
        assertThat(carlApi.unseenMissedCallCount()).isZero();
    }

    @Test
    void cancelLeavesAMissedCallWhichCallBackReturnsAndMarksSeen() throws Exception {
        CallboardSession adaLaptop = connect(adaApi, "ada-laptop");
        CallboardSession carlPhone = connect(carlApi, "carl-phone");
        CallboardSession carlLaptop = connect(carlApi, "carl-laptop");
        UUID id = adaApi.startCall(carl.id(), Media.VIDEO).id();
        carlPhone.awaitEvent(Event.CallIncoming.class, e -> e.call().id().equals(id), WAIT);

        adaApi.cancelCall(id);

        carlPhone.awaitEvent(Event.CallCancelled.class, e -> e.call().id().equals(id), WAIT);
        for (CallboardSession device : new CallboardSession[] {carlPhone, carlLaptop}) {
            MissedCall created = device.awaitEvent(Event.MissedCallCreated.class,
                    e -> e.missedCall().callId().equals(id), WAIT).missedCall();
            assertThat(created.callerName()).isEqualTo(ada.displayName());
            device.awaitEvent(Event.MissedCallsCount.class, e -> e.count() == 1, WAIT);
        }
        MissedCall missed = carlApi.missedCalls().items().getFirst();
        assertThat(missed.callId()).isEqualTo(id);
        assertThat(missed.media()).isEqualTo(Media.VIDEO);

        Call back = carlApi.callBack(missed.id());

        assertThat(back.callerId()).isEqualTo(carl.id());
        assertThat(back.calleeId()).isEqualTo(ada.id());
        assertThat(back.media()).isEqualTo(Media.VIDEO);
        adaLaptop.awaitEvent(Event.CallIncoming.class, e -> e.call().id().equals(back.id()), WAIT);
        carlLaptop.awaitEvent(Event.MissedCallsCount.class, e -> e.count() == 0, WAIT);
        assertThat(carlApi.unseenMissedCallCount()).isZero();
        assertThat(carlApi.missedCalls().items().getFirst().isSeen()).isTrue();
    }

    @Test
    void aMissedCallMadeWhileOfflineIsInTheHelloOnReturnAndSeeingItCountsDown() throws Exception {
        CallboardSession adaLaptop = connect(adaApi, "ada-laptop");
        Call first = adaApi.startCall(carl.id(), Media.AUDIO);
        Call second = adaApi.startCall(carl.id(), Media.VIDEO);
        assertThat(first.status()).isEqualTo(dev.callboard.client.CallStatus.MISSED);
        assertThat(first.reason()).isEqualTo("offline");
        adaLaptop.awaitEvent(Event.CallMissed.class, e -> e.call().id().equals(second.id()), WAIT);

        CallboardSession carlPhone = connect(carlApi, "carl-phone");
        CallboardSession carlLaptop = connect(carlApi, "carl-laptop");
        assertThat(carlPhone.hello().unseenMissedCalls()).isEqualTo(2);

        MissedCall newest = carlApi.missedCalls(true, null, 1).items().getFirst();
        assertThat(newest.callId()).isEqualTo(second.id());
        assertThat(carlApi.markMissedCallSeen(newest.id())).isEqualTo(1);
        carlLaptop.awaitEvent(Event.MissedCallsCount.class, e -> e.count() == 1, WAIT);
        assertThat(carlApi.markAllMissedCallsSeen()).isZero();
        carlLaptop.awaitEvent(Event.MissedCallsCount.class, e -> e.count() == 0, WAIT);
        assertThat(carlApi.unseenMissedCallCount()).isZero();
    }

    @Test
    void aDeviceThatConnectsWhileACallRingsFindsItInTheHello() throws Exception {
        connect(carlApi, "carl-phone");
        UUID id = adaApi.startCall(carl.id(), Media.AUDIO).id();
        CallboardSession carlLaptop = connect(carlApi, "carl-laptop");
        assertThat(carlLaptop.hello().activeCalls()).extracting(Call::id).containsExactly(id);
    }

    @Test
    void aClientCannotCallAnotherClient() throws Exception {
        connect(stanApi, "stan-phone");
        assertThatThrownBy(() -> carlApi.startCall(stan.id(), Media.AUDIO)).satisfies(status(404));
        assertThatThrownBy(() -> carlApi.startCall(UUID.randomUUID(), Media.AUDIO)).satisfies(status(404));
    }

    private static void assertRefused(java.util.concurrent.CompletableFuture<?> reply, String code) {
        assertThatThrownBy(() -> reply.get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOfSatisfying(CallboardException.class, e -> assertThat(e.code()).isEqualTo(code));
    }

    private static java.util.function.Consumer<Throwable> status(int status) {
        return e -> assertThat(e).isInstanceOfSatisfying(CallboardException.class, c -> assertThat(c.status()).isEqualTo(status));
    }
}
