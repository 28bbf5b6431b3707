package dev.callboard.call;

import dev.callboard.error.DomainException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PageCursorTest {
    @Test
    void roundTripsToTheMicrosecond() {
        PageCursor c = new PageCursor(Instant.parse("2026-01-02T10:00:00.123456Z"), UUID.randomUUID());
        assertThat(PageCursor.decode(c.encode())).isEqualTo(c);
        assertThat(PageCursor.decode(null)).isNull();
    }

    @Test
    void rejectsGarbageAndBadLimits() {
        assertThatThrownBy(() -> PageCursor.decode("not-a-cursor")).isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> PageCursor.limit(0)).isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> PageCursor.limit(101)).isInstanceOf(DomainException.class);
        assertThat(PageCursor.limit(null)).isEqualTo(PageCursor.DEFAULT_LIMIT);
    }

    @Test
    void uuidOrderMatchesPostgres() {
        UUID low = UUID.fromString("7fffffff-ffff-ffff-ffff-ffffffffffff");
        UUID high = UUID.fromString("80000000-0000-0000-0000-000000000000");
        // A signed comparison of the halves gets this backwards; PostgreSQL compares bytes unsigned.
        assertThat(CallSetup.lower(low, high)).isTrue();
        assertThat(CallSetup.lower(high, low)).isFalse();
    }
}
