package dev.callboard.presence;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static dev.callboard.presence.PresenceStatus.*;
import static org.assertj.core.api.Assertions.assertThat;

class PresenceRulesTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T12:00:00Z"), ZoneOffset.UTC);
    private static final Instant NOW = CLOCK.instant();
    private static final PresenceThresholds T = PresenceThresholds.defaults(); // 30 s × 3, away 5 min, offline 15 min

    /** A device that heartbeated {@code sinceHeartbeat} ago and saw input {@code sinceInput} ago. */
    private static DeviceState device(String id, Duration sinceHeartbeat, Duration sinceInput) {
        return new DeviceState(id, "local", 1, NOW.minus(sinceHeartbeat), NOW.minus(sinceInput), true);
    }

    /** Device situations, with the status activity alone gives them (null = no live device). */
    enum Devices {
        NONE(null),
        ACTIVE(AVAILABLE, device("a", Duration.ofSeconds(5), Duration.ofSeconds(10))),
        IDLE_AWAY(AWAY, device("a", Duration.ofSeconds(5), Duration.ofMinutes(6))),
        IDLE_OFFLINE(OFFLINE, device("a", Duration.ofSeconds(5), Duration.ofMinutes(20))),
        SILENT(null, device("a", Duration.ofSeconds(91), Duration.ofSeconds(91))),
        SILENT_AND_IDLE_AWAY(AWAY, device("a", Duration.ofMinutes(2), Duration.ofSeconds(100)),
                device("b", Duration.ofSeconds(1), Duration.ofMinutes(7))),
        AWAY_AND_ACTIVE(AVAILABLE, device("a", Duration.ofSeconds(1), Duration.ofMinutes(7)),
                device("b", Duration.ofSeconds(20), Duration.ofMinutes(1))),
        OFFLINE_IDLE_AND_AWAY(AWAY, device("a", Duration.ofSeconds(1), Duration.ofMinutes(30)),
                device("b", Duration.ofSeconds(20), Duration.ofMinutes(10)));

        final PresenceStatus byActivity;
        final List<DeviceState> states;

        Devices(PresenceStatus byActivity, DeviceState... states) {
            this.byActivity = byActivity;
            this.states = List.of(states);
        }
    }

    enum Expiry { ACTIVE, EXPIRED, NEVER }

    static Stream<Arguments> everyCombination() {
        List<Arguments> all = new ArrayList<>();
        for (Devices devices : Devices.values()) {
            for (boolean inCall : new boolean[]{false, true}) {
                all.add(Arguments.of(devices, null, null, inCall));
                for (ManualStatus manual : ManualStatus.values()) {
                    for (Expiry expiry : Expiry.values()) all.add(Arguments.of(devices, manual, expiry, inCall));
                }
            }
        }
        return all.stream();
    }

    /** The brief's rules, written as a decision table (one line per rule, in precedence order). */
    private static PresenceStatus expected(Devices devices, ManualStatus manual, Expiry expiry, boolean inCall) {
        ManualStatus chosen = manual != null && expiry != Expiry.EXPIRED ? manual : null;
        if (devices.byActivity == null) return OFFLINE;
        if (chosen == ManualStatus.APPEAR_OFFLINE) return OFFLINE;
        if (chosen == ManualStatus.DO_NOT_DISTURB) return DO_NOT_DISTURB;
        if (inCall) return IN_A_CALL;
        if (chosen != null) return chosen.shownAs();
        return devices.byActivity;
    }

    @ParameterizedTest(name = "{0} manual={1} ({2}) inCall={3}")
    @MethodSource("everyCombination")
    void aggregatesEveryCombination(Devices devices, ManualStatus manual, Expiry expiry, boolean inCall) {
        Expiring<ManualStatus> choice = manual == null ? null : new Expiring<>(manual, switch (expiry) {
            case ACTIVE -> NOW.plusSeconds(60);
            case EXPIRED -> NOW.minusSeconds(1);
            case NEVER -> null;
        });
        assertThat(PresenceRules.aggregate(devices.states, choice, inCall, NOW, T))
                .isEqualTo(expected(devices, manual, expiry, inCall));
    }

    @Nested
    class Boundaries {
        private PresenceStatus idleFor(Duration idle) {
            return PresenceRules.aggregate(List.of(device("a", Duration.ZERO, idle)), null, false, NOW, T);
        }

        @Test
        void awayStartsAtExactlyFiveMinutesIdle() {
            assertThat(idleFor(Duration.ofMinutes(5).minusMillis(1))).isEqualTo(AVAILABLE);
            assertThat(idleFor(Duration.ofMinutes(5))).isEqualTo(AWAY);
        }

        @Test
        void offlineStartsAtExactlyFifteenMinutesIdle() {
            assertThat(idleFor(Duration.ofMinutes(15).minusMillis(1))).isEqualTo(AWAY);
            assertThat(idleFor(Duration.ofMinutes(15))).isEqualTo(OFFLINE);
        }

        @Test
        void deviceIsDroppedAfterThreeMissedHeartbeats() {
            DeviceState justAlive = device("a", Duration.ofSeconds(90).minusMillis(1), Duration.ZERO);
            DeviceState justDead = device("a", Duration.ofSeconds(90), Duration.ZERO);
            assertThat(PresenceRules.aggregate(List.of(justAlive), null, false, NOW, T)).isEqualTo(AVAILABLE);
            assertThat(PresenceRules.aggregate(List.of(justDead), null, false, NOW, T)).isEqualTo(OFFLINE);
        }

        @Test
        void manualStatusEndsAtItsExpiryInstant() {
            List<DeviceState> active = List.of(device("a", Duration.ZERO, Duration.ZERO));
            assertThat(PresenceRules.aggregate(active, new Expiring<>(ManualStatus.BUSY, NOW.plusMillis(1)), false, NOW, T)).isEqualTo(BUSY);
            assertThat(PresenceRules.aggregate(active, new Expiring<>(ManualStatus.BUSY, NOW), false, NOW, T)).isEqualTo(AVAILABLE);
        }

        @Test
        void thresholdsComeFromConfiguration() {
            PresenceThresholds quick = new PresenceThresholds(Duration.ofSeconds(1), 2, Duration.ofSeconds(3), Duration.ofSeconds(6));
            List<DeviceState> idle4s = List.of(device("a", Duration.ofMillis(500), Duration.ofSeconds(4)));
            assertThat(PresenceRules.aggregate(idle4s, null, false, NOW, quick)).isEqualTo(AWAY);
            List<DeviceState> silent = List.of(device("a", Duration.ofSeconds(2), Duration.ZERO));
            assertThat(PresenceRules.aggregate(silent, null, false, NOW, quick)).isEqualTo(OFFLINE);
        }
    }

    @Test
    void defaultDurationsFollowTeams() {
        assertThat(ManualStatus.BUSY.defaultDuration()).isEqualTo(Duration.ofDays(1));
        assertThat(ManualStatus.DO_NOT_DISTURB.defaultDuration()).isEqualTo(Duration.ofDays(1));
        assertThat(ManualStatus.BE_RIGHT_BACK.defaultDuration()).isEqualTo(Duration.ofDays(7));
        assertThat(ManualStatus.APPEAR_OFFLINE.defaultDuration()).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void heartbeatNeverMovesInputIntoTheFutureOrBackwards() {
        DeviceState d = device("a", Duration.ofSeconds(10), Duration.ofSeconds(10));
        assertThat(d.heartbeat(NOW, NOW.plusSeconds(3600), true).lastInputAt()).isEqualTo(NOW);
        assertThat(d.heartbeat(NOW, NOW.minusSeconds(3600), true).lastInputAt()).isEqualTo(NOW.minusSeconds(10));
        assertThat(d.heartbeat(NOW, null, false).lastHeartbeatAt()).isEqualTo(NOW);
    }
}
