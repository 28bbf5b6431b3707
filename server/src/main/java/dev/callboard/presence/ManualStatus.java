package dev.callboard.presence;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.callboard.error.DomainException;

import java.time.Duration;
import java.util.Locale;

/** A status the user picks; it overrides activity until it expires or is reset. */
public enum ManualStatus {
    AVAILABLE(PresenceStatus.AVAILABLE, Duration.ofDays(7)),
    BUSY(PresenceStatus.BUSY, Duration.ofDays(1)),
    DO_NOT_DISTURB(PresenceStatus.DO_NOT_DISTURB, Duration.ofDays(1)),
    BE_RIGHT_BACK(PresenceStatus.BE_RIGHT_BACK, Duration.ofDays(7)),
    AWAY(PresenceStatus.AWAY, Duration.ofDays(7)),
    APPEAR_OFFLINE(PresenceStatus.OFFLINE, Duration.ofDays(7));

    private final PresenceStatus shownAs;
    private final Duration defaultDuration;

    ManualStatus(PresenceStatus shownAs, Duration defaultDuration) {
        this.shownAs = shownAs;
        this.defaultDuration = defaultDuration;
    }

    public PresenceStatus shownAs() {
        return shownAs;
    }

    /** As in Teams: busy and do-not-disturb last a day, the others a week, unless a duration is given. */
    public Duration defaultDuration() {
        return defaultDuration;
    }

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ManualStatus parse(String value) {
        for (ManualStatus s : values()) {
            if (s.wire().equals(value)) return s;
        }
        throw DomainException.invalid(
                "status must be one of available, busy, do_not_disturb, be_right_back, away, appear_offline");
    }
}
