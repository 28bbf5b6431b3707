package dev.callboard.presence;

import dev.callboard.identity.Role;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A user's live presence survives the round trip through the fields of a Redis hash unchanged. */
class PresenceHashTest {
    private static final Instant NOW = Instant.parse("2026-11-24T09:00:00.123Z");
    private static final String HERE = "node-1";

    private static UserPresenceState decode(UUID id, Map<String, String> fields) {
        return PresenceHash.decode(id, fields, (node, connection, now) -> node.equals(HERE) ? NOW.minusSeconds(5) : now, NOW);
    }

    @Test
    void everythingTheRulesReadComesBack() {
        UUID id = UUID.randomUUID();
        UserPresenceState s = new UserPresenceState(id, Role.ADMIN, DurablePresence.NONE);
        s.manual = new Expiring<>(ManualStatus.BE_RIGHT_BACK, NOW.plusSeconds(600));
        s.message = new Expiring<>("in | a meeting", null);
        s.activeCalls = 2;
        s.lastSeenAt = NOW.minusSeconds(60);
        s.persistedStatus = PresenceStatus.IN_A_CALL;
        s.devices.add(new DeviceState("laptop", HERE, 7, NOW.minusSeconds(5), NOW.minusSeconds(30), true));
        s.devices.add(new DeviceState("phone", "node-2", 9, NOW, NOW.minusSeconds(90), false));
        s.lastFull = PresenceView.of(id, PresenceStatus.IN_A_CALL, null, s.manual, s.message, NOW);

        UserPresenceState back = decode(id, PresenceHash.encode(s));

        assertThat(back.role).isEqualTo(Role.ADMIN);
        assertThat(back.manual).isEqualTo(s.manual);
        assertThat(back.message).isEqualTo(s.message);
        assertThat(back.activeCalls).isEqualTo(2);
        assertThat(back.lastSeenAt).isEqualTo(s.lastSeenAt);
        assertThat(back.persistedStatus).isEqualTo(PresenceStatus.IN_A_CALL);
        assertThat(back.lastFull).isEqualTo(s.lastFull);
        assertThat(back.devices).containsExactlyInAnyOrderElementsOf(s.devices);
    }

    @Test
    void anEmptyMessageIsNotNoMessageAndAnOfflineViewKeepsItsLastSeen() {
        UUID id = UUID.randomUUID();
        UserPresenceState s = new UserPresenceState(id, Role.CLIENT, DurablePresence.NONE);
        s.message = new Expiring<>("", NOW.plusSeconds(5));
        s.lastSeenAt = NOW;
        s.lastFull = PresenceView.of(id, PresenceStatus.OFFLINE, NOW, null, s.message, NOW);

        UserPresenceState back = decode(id, PresenceHash.encode(s));

        assertThat(back.message).isEqualTo(s.message);
        assertThat(back.manual).isNull();
        assertThat(back.devices).isEmpty();
        assertThat(back.lastFull).isEqualTo(s.lastFull);
        assertThat(back.lastFull.lastSeenAt()).isEqualTo(NOW);
        assertThat(PresenceHash.view(id, PresenceHash.encode(s).get(PresenceHash.viewField()))).isEqualTo(s.lastFull);
    }

    @Test
    void aDeviceOfThisNodeGetsTheHeartbeatTimeThisNodeHeardAndOthersCountAsLiveNow() {
        UUID id = UUID.randomUUID();
        UserPresenceState s = new UserPresenceState(id, Role.CLIENT, DurablePresence.NONE);
        s.devices.add(new DeviceState("mine", HERE, 1, NOW.minusSeconds(40), NOW.minusSeconds(40), true));
        s.devices.add(new DeviceState("theirs", "node-2", 2, NOW.minusSeconds(400), NOW.minusSeconds(40), true));

        UserPresenceState back = decode(id, PresenceHash.encode(s));

        assertThat(back.device("mine").lastHeartbeatAt()).isEqualTo(NOW.minusSeconds(5));
        assertThat(back.device("theirs").lastHeartbeatAt()).isEqualTo(NOW);
    }
}
