package dev.callboard.missedcall;

import dev.callboard.call.Call;
import dev.callboard.call.CallFixture;
import dev.callboard.call.CallStatus;
import dev.callboard.call.Media;
import dev.callboard.error.DomainException;
import dev.callboard.identity.CurrentUser;
import dev.callboard.web.ErrorMapping;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MissedCallIT {
    private static final CallFixture f = new CallFixture();

    private CurrentUser admin;
    private CurrentUser client;

    @BeforeEach
    void users() {
        admin = f.admin("Ada");
        client = f.client("Carl");
        f.presence.online(admin.id(), "ada-1");
        f.presence.online(client.id());  // offline: every call is missed at once
        f.bus.clear();
    }

    @AfterAll
    static void close() {
        f.close();
    }

    private List<Call> missThree() {
        List<Call> calls = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            calls.add(f.setup.create(admin, client.id(), i == 0 ? Media.AUDIO : Media.VIDEO, null).call());
            f.clock.advance(Duration.ofSeconds(1));
        }
        return calls;
    }

    @Test
    void listsNewestFirstWithTheCallerAndPages() {
        List<Call> calls = missThree();

        MissedCallService.Page first = f.missedCallService.list(client, false, null, 2);
        MissedCallService.Page second = f.missedCallService.list(client, false, first.nextCursor(), 2);

        assertThat(first.items()).extracting(MissedCall::callId).containsExactly(calls.get(2).id(), calls.get(1).id());
        assertThat(second.items()).extracting(MissedCall::callId).containsExactly(calls.get(0).id());
        assertThat(second.nextCursor()).isNull();
        MissedCall oldest = second.items().getFirst();
        assertThat(oldest.callerId()).isEqualTo(admin.id());
        assertThat(oldest.callerName()).isEqualTo("Ada");
        assertThat(oldest.callerAvatarUrl()).isEqualTo("https://avatars.test/Ada.png");
        assertThat(oldest.media()).isEqualTo(Media.AUDIO);
        assertThat(oldest.attemptedAt()).isEqualTo(calls.get(0).startedAt());
        assertThat(f.missedCallService.list(admin, false, null, null).items()).isEmpty();
    }

    @Test
    void seeingRecordsBringsTheCountDownOnEveryDevice() {
        missThree();
        assertThat(f.missedCallService.unseenCount(client).count()).isEqualTo(3);
        MissedCall newest = f.missedCallService.list(client, true, null, null).items().getFirst();
        f.bus.clear();

        assertThat(f.missedCallService.markSeen(client, newest.id()).count()).isEqualTo(2);
        assertThat(f.missedCallService.markSeen(client, newest.id()).count()).isEqualTo(2);
        assertThat(f.missedCallService.list(client, true, null, null).items()).hasSize(2);
        assertThat(f.bus.ofType(MissedCallNotifier.COUNT)).allMatch(s -> s.userId().equals(client.id()))
                .extracting(s -> s.event().data()).containsExactly(
                        new MissedCallNotifier.CountPayload(2), new MissedCallNotifier.CountPayload(2));

        assertThat(f.missedCallService.markAllSeen(client).count()).isZero();
        assertThat(f.missedCallService.unseenCount(client).count()).isZero();
        assertThat(f.missedCallService.list(client, false, null, null).items()).allMatch(m -> m.seenAt() != null);
    }

    @Test
    void someoneElsesRecordDoesNotExist() {
        missThree();
        MissedCall record = f.missedCallService.list(client, false, null, null).items().getFirst();
        CurrentUser other = f.admin("Olga");
        assertThatThrownBy(() -> f.missedCallService.markSeen(other, record.id())).satisfies(notFound());
        assertThatThrownBy(() -> f.missedCallService.callBack(other, record.id(), null)).satisfies(notFound());
        assertThatThrownBy(() -> f.missedCallService.markSeen(client, UUID.randomUUID())).satisfies(notFound());
        assertThat(f.missedCallService.unseenCount(client).count()).isEqualTo(3);
    }

    @Test
    void callBackCallsTheCallerWithTheSameMediaAndMarksTheRecordSeen() {
        missThree();
        f.presence.online(client.id(), "carl-1");
        MissedCall audio = f.missedCallService.list(client, false, null, null).items().getLast();

        Call back = f.missedCallService.callBack(client, audio.id(), "cb-1");

        assertThat(back.callerId()).isEqualTo(client.id());
        assertThat(back.calleeId()).isEqualTo(admin.id());
        assertThat(back.media()).isEqualTo(Media.AUDIO);
        assertThat(back.status()).isEqualTo(CallStatus.RINGING);
        assertThat(f.missedCalls.find(audio.id()).orElseThrow().seenAt()).isNotNull();
        assertThat(f.missedCallService.unseenCount(client).count()).isEqualTo(2);
        assertThat(f.missedCallService.callBack(client, audio.id(), "cb-1").id()).isEqualTo(back.id());
    }

    @Test
    void theHelloCarriesTheUnseenCountForSomeoneWhoWasOffline() {
        missThree();
        Map<String, Object> hello = new HashMap<>();
        new MissedCallHelloContributor(f.missedCalls).contribute(client, hello);
        assertThat(hello).containsEntry("unseenMissedCalls", 3);
    }

    @Test
    void cleanupDeletesRecordsOlderThanTheRetention() {
        missThree();
        f.clock.advance(Duration.ofDays(30));
        MissedCallCleanup cleanup = new MissedCallCleanup(f.missedCalls,
                new MissedCallProperties(Duration.ofDays(30), null), f.clock);
        int deleted = cleanup.cleanUp();
        assertThat(deleted).isGreaterThanOrEqualTo(3);
        assertThat(f.missedCallService.unseenCount(client).count()).isZero();
    }

    private static java.util.function.Consumer<Throwable> notFound() {
        return e -> assertThat(e).isInstanceOfSatisfying(DomainException.class, a -> assertThat(ErrorMapping.status(a)).isEqualTo(404));
    }
}
