package dev.callboard.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JavaType;

class ModelJsonTest {

    private static <T> T read(String json, Class<T> type) {
        return Json.MAPPER.readValue(json, type);
    }

    @Test
    void userIgnoresUnknownFields() {
        User user = read(Samples.ALICE_USER, User.class);

        assertThat(user).isEqualTo(new User(Samples.ALICE, "alice@example.com", "Alice Admin", Role.ADMIN, null, true, null));
        assertThat(user.isAdmin()).isTrue();
    }

    @Test
    void presenceReadsEveryField() {
        Presence presence = read(Samples.BOB_PRESENCE, Presence.class);

        assertThat(presence.userId()).isEqualTo(Samples.BOB);
        assertThat(presence.status()).isEqualTo(PresenceStatus.BE_RIGHT_BACK);
        assertThat(presence.lastSeenAt()).isEqualTo(Instant.parse("2026-11-24T04:10:33.123Z"));
        assertThat(presence.message()).isEqualTo("Back at 3");
        assertThat(presence.manualStatus()).isEqualTo(ManualStatus.BE_RIGHT_BACK);
        assertThat(presence.manualStatusExpiresAt()).isEqualTo(Instant.parse("2026-12-01T04:10:33.123Z"));
        assertThat(presence.messageExpiresAt()).isNull();
    }

    @Test
    void minimalPresenceLeavesOptionalFieldsNull() {
        Presence presence = read("{\"userId\":\"" + Samples.BOB + "\",\"status\":\"offline\"}", Presence.class);

        assertThat(presence).isEqualTo(new Presence(Samples.BOB, PresenceStatus.OFFLINE, null, null, null, null, null));
    }

    @Test
    void unknownEnumValuesBecomeUnknown() {
        Presence presence = read("{\"userId\":\"" + Samples.BOB + "\",\"status\":\"presenting\","
                + "\"manualStatus\":\"focusing\"}", Presence.class);
        User user = read("{\"id\":\"" + Samples.ALICE + "\",\"role\":\"auditor\"}", User.class);

        assertThat(presence.status()).isEqualTo(PresenceStatus.UNKNOWN);
        assertThat(presence.manualStatus()).isEqualTo(ManualStatus.UNKNOWN);
        assertThat(user.role()).isEqualTo(Role.UNKNOWN);
    }

    @Test
    void enumsUseSnakeCaseWireNames() {
        assertThat(Json.MAPPER.writeValueAsString(List.of(PresenceStatus.IN_A_CALL, ManualStatus.APPEAR_OFFLINE,
                Media.VIDEO, CallStatus.CANCELLED, Role.CLIENT)))
                .isEqualTo("[\"in_a_call\",\"appear_offline\",\"video\",\"cancelled\",\"client\"]");
        assertThat(Direction.INCOMING.wire()).isEqualTo("incoming");
        for (PresenceStatus status : PresenceStatus.values()) {
            assertThat(read("\"" + status.wire() + "\"", PresenceStatus.class)).isEqualTo(status);
        }
    }

    @Test
    void ringingCallHasNullEndFields() {
        Call call = read(Samples.RINGING_CALL, Call.class);

        assertThat(call.id()).isEqualTo(Samples.CALL);
        assertThat(call.callerId()).isEqualTo(Samples.ALICE);
        assertThat(call.calleeId()).isEqualTo(Samples.BOB);
        assertThat(call.media()).isEqualTo(Media.VIDEO);
        assertThat(call.status()).isEqualTo(CallStatus.RINGING);
        assertThat(call.reason()).isNull();
        assertThat(call.answeredAt()).isNull();
        assertThat(call.durationSeconds()).isNull();
        assertThat(call.isEnded()).isFalse();
    }

    @Test
    void endedCallHasDurationAndReason() {
        Call call = read(Samples.ENDED_CALL, Call.class);

        assertThat(call.status()).isEqualTo(CallStatus.ANSWERED);
        assertThat(call.reason()).isEqualTo(CallReason.USER_HANGUP);
        assertThat(call.endedAt()).isEqualTo(Instant.parse("2026-11-24T04:15:40.500Z"));
        assertThat(call.durationSeconds()).isEqualTo(300);
        assertThat(call.isEnded()).isTrue();
    }

    @Test
    void missedCall() {
        MissedCall missed = read(Samples.MISSED_CALL, MissedCall.class);

        assertThat(missed).isEqualTo(new MissedCall(Samples.MISSED, Samples.CALL, Samples.ALICE, "Alice Admin",
                "https://cdn.example.com/a.png", Media.VIDEO, Instant.parse("2026-11-24T04:10:33.123Z"), null));
        assertThat(missed.isSeen()).isFalse();
    }

    @Test
    void pagesOfCallsAndMissedCalls() {
        JavaType callPage = Json.MAPPER.getTypeFactory().constructParametricType(Page.class, Call.class);
        Page<Call> calls = Json.MAPPER.readValue("{\"items\":[" + Samples.RINGING_CALL + "," + Samples.ENDED_CALL
                + "],\"nextCursor\":\"eyJ0IjoxfQ==\",\"total\":9}", callPage);
        JavaType missedPage = Json.MAPPER.getTypeFactory().constructParametricType(Page.class, MissedCall.class);
        Page<MissedCall> missed = Json.MAPPER.readValue("{\"items\":[" + Samples.MISSED_CALL + "],\"nextCursor\":null}",
                missedPage);

        assertThat(calls.items()).extracting(Call::status).containsExactly(CallStatus.RINGING, CallStatus.ANSWERED);
        assertThat(calls.nextCursor()).isEqualTo("eyJ0IjoxfQ==");
        assertThat(calls.hasMore()).isTrue();
        assertThat(missed.items()).singleElement().extracting(MissedCall::callerName).isEqualTo("Alice Admin");
        assertThat(missed.hasMore()).isFalse();
    }

    @Test
    void emptyPageWithoutItemsField() {
        JavaType type = Json.MAPPER.getTypeFactory().constructParametricType(Page.class, Call.class);
        Page<Call> page = Json.MAPPER.readValue("{}", type);

        assertThat(page.items()).isEmpty();
        assertThat(page.hasMore()).isFalse();
    }

    @Test
    void loginResultHidesTokenInToString() {
        LoginResult login = read("{\"token\":\"s3cr3t.jwt\",\"expiresAt\":\"2026-11-25T04:10:33Z\",\"user\":"
                + Samples.ALICE_USER + "}", LoginResult.class);

        assertThat(login.token()).isEqualTo("s3cr3t.jwt");
        assertThat(login.expiresAt()).isEqualTo(Instant.parse("2026-11-25T04:10:33Z"));
        assertThat(login.user().id()).isEqualTo(Samples.ALICE);
        assertThat(login.toString()).doesNotContain("s3cr3t");
    }

    @Test
    void directoryEntries() {
        JavaType type = Json.MAPPER.getTypeFactory().constructCollectionType(List.class, DirectoryEntry.class);
        List<DirectoryEntry> directory = Json.MAPPER.readValue(
                "[{\"user\":" + Samples.ALICE_USER + ",\"presence\":" + Samples.BOB_PRESENCE + "}]", type);

        assertThat(directory).singleElement().satisfies(entry -> {
            assertThat(entry.user().email()).isEqualTo("alice@example.com");
            assertThat(entry.presence().status()).isEqualTo(PresenceStatus.BE_RIGHT_BACK);
        });
    }

    @Test
    void iceServersAcceptUrlsAsListOrSingleString() {
        IceServers servers = read("""
                {"iceServers":[
                  {"urls":["stun:stun.example.com:3478"]},
                  {"urls":"turn:turn.example.com:3478?transport=udp","username":"1764000000:alice","credential":"abc="}
                ],"ttlSeconds":86400}""", IceServers.class);

        assertThat(servers.ttlSeconds()).isEqualTo(86400);
        assertThat(servers.iceServers()).containsExactly(
                new IceServers.IceServer(List.of("stun:stun.example.com:3478"), null, null),
                new IceServers.IceServer(List.of("turn:turn.example.com:3478?transport=udp"), "1764000000:alice", "abc="));
    }

    @Test
    void realtimeTicket() {
        RealtimeTicket ticket = read("{\"ticket\":\"t-123\",\"expiresAt\":\"2026-11-24T04:11:03.123Z\"}",
                RealtimeTicket.class);

        assertThat(ticket).isEqualTo(new RealtimeTicket("t-123", Instant.parse("2026-11-24T04:11:03.123Z")));
    }

    @Test
    void newUserLeavesOutMissingAvatar() {
        assertThat(Json.MAPPER.writeValueAsString(new NewUser("c@example.com", "Carol", Role.CLIENT, "pw")))
                .isEqualTo("{\"email\":\"c@example.com\",\"displayName\":\"Carol\",\"role\":\"client\",\"password\":\"pw\"}");
        assertThat(new NewUser("c@example.com", "Carol", Role.CLIENT, "pw").toString()).doesNotContain("pw");
    }

    @Test
    void signallingPayloadsSerializeLikeTheBrowser() {
        assertThat(Json.MAPPER.writeValueAsString(Sdp.offer("v=0\r\n")))
                .isEqualTo("{\"type\":\"offer\",\"sdp\":\"v=0\\r\\n\"}");
        assertThat(Json.MAPPER.writeValueAsString(new IceCandidate("candidate:1 1 udp 2122260223 10.0.0.2 54321 typ host",
                "0", 0, null)))
                .isEqualTo("{\"candidate\":\"candidate:1 1 udp 2122260223 10.0.0.2 54321 typ host\","
                        + "\"sdpMid\":\"0\",\"sdpMLineIndex\":0}");
    }

    @Test
    void presenceUpdateSendsOnlyWhatChangesAndExplicitNullsToClear() {
        assertThat(PresenceUpdate.none().toJson().toString()).isEqualTo("{}");
        assertThat(PresenceUpdate.status(ManualStatus.DO_NOT_DISTURB).forDuration(Duration.ofHours(2)).toJson().toString())
                .isEqualTo("{\"status\":\"do_not_disturb\",\"durationSeconds\":7200}");
        assertThat(PresenceUpdate.clearStatus().toJson().toString()).isEqualTo("{\"status\":null}");
        assertThat(PresenceUpdate.message("Lunch").messageFor(Duration.ofMinutes(45)).toJson().toString())
                .isEqualTo("{\"message\":\"Lunch\",\"messageDurationSeconds\":2700}");
        assertThat(PresenceUpdate.clearMessage().withStatus(ManualStatus.AVAILABLE).toJson().toString())
                .isEqualTo("{\"status\":\"available\",\"message\":null}");
    }
}
