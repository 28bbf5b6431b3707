package dev.callboard.call;

import dev.callboard.error.DomainException;
import dev.callboard.web.ErrorMapping;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Stream;

import static dev.callboard.call.CallStatus.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CallStatusTest {
    private static final Set<String> LEGAL = Set.of(
            "RINGING->ANSWERED", "RINGING->DECLINED", "RINGING->MISSED", "RINGING->CANCELLED", "RINGING->FAILED",
            "ANSWERED->ENDED", "ANSWERED->FAILED");

    static Stream<Arguments> everyPair() {
        return Arrays.stream(values()).flatMap(from -> Arrays.stream(values()).map(to -> Arguments.of(from, to)));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("everyPair")
    void onlyTheDocumentedMovesAreLegal(CallStatus from, CallStatus to) {
        boolean legal = LEGAL.contains(from + "->" + to);
        assertThat(from.canMoveTo(to)).isEqualTo(legal);
        if (legal) {
            assertThat(from.transition(to)).isEqualTo(to);
        } else {
            assertThatThrownBy(() -> from.transition(to))
                    .isInstanceOfSatisfying(DomainException.class, e -> {
                        assertThat(ErrorMapping.status(e)).isEqualTo(409);
                        assertThat(e.code()).isEqualTo("invalid_transition");
                        assertThat(e.getMessage()).contains(from.wire()).contains(to.wire());
                    });
        }
    }

    @Test
    void onlyRingingAndAnsweredAreActive() {
        assertThat(Arrays.stream(values()).filter(CallStatus::isActive)).containsExactly(RINGING, ANSWERED);
        assertThat(Arrays.stream(values()).filter(CallStatus::isTerminal))
                .containsExactly(ENDED, DECLINED, MISSED, CANCELLED, FAILED);
    }

    @Test
    void wireNamesRoundTrip() {
        for (CallStatus s : values()) assertThat(parse(s.wire())).isEqualTo(s);
        assertThatThrownBy(() -> parse("RINGING")).isInstanceOf(DomainException.class);
    }
}
