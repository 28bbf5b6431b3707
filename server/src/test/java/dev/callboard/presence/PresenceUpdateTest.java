package dev.callboard.presence;

import dev.callboard.error.DomainException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PresenceUpdateTest {
    private final JsonMapper json = JsonMapper.builder().build();

    private PresenceUpdate parse(String body) {
        return PresenceUpdate.parse(json.readTree(body));
    }

    @Test
    void absentFieldsAreLeftAloneAndNullClears() {
        PresenceUpdate statusOnly = parse("{\"status\":\"busy\",\"durationSeconds\":3600}");
        assertThat(statusOnly.setsStatus()).isTrue();
        assertThat(statusOnly.status()).isEqualTo(ManualStatus.BUSY);
        assertThat(statusOnly.statusDuration()).isEqualTo(Duration.ofHours(1));
        assertThat(statusOnly.setsMessage()).isFalse();

        PresenceUpdate reset = parse("{\"status\":null,\"message\":null}");
        assertThat(reset.setsStatus()).isTrue();
        assertThat(reset.status()).isNull();
        assertThat(reset.setsMessage()).isTrue();
        assertThat(reset.message()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{}", "[]", "{\"status\":\"online\"}", "{\"status\":\"in_a_call\"}", "{\"status\":7}",
            "{\"role\":\"admin\"}", "{\"status\":\"busy\",\"role\":\"admin\"}", "{\"status\":\"busy\",\"durationSeconds\":0}",
            "{\"status\":\"busy\",\"durationSeconds\":2592001}", "{\"status\":\"busy\",\"durationSeconds\":\"1h\"}",
            "{\"message\":{\"a\":1}}", "{\"durationSeconds\":60}", "{\"message\":null,\"messageDurationSeconds\":60}"})
    void rejectsWhatItCannotApply(String body) {
        assertThatThrownBy(() -> parse(body)).isInstanceOf(DomainException.Invalid.class);
    }

    @Test
    void rejectsOverlongMessages() {
        assertThatThrownBy(() -> parse("{\"message\":\"" + "x".repeat(281) + "\"}"))
                .hasMessageContaining("280");
        assertThat(parse("{\"message\":\"" + "x".repeat(280) + "\"}").message()).hasSize(280);
    }
}
