package dev.callboard.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FrameAssemblerTest {

    private final FrameAssembler assembler = new FrameAssembler();

    @Test
    void wholeMessagePassesStraightThrough() {
        assertThat(assembler.append("{\"type\":\"ack\"}", true)).isEqualTo("{\"type\":\"ack\"}");
        assertThat(assembler.pendingLength()).isZero();
    }

    @Test
    void partsAreJoinedUntilTheLast() {
        assertThat(assembler.append("{\"type\":", false)).isNull();
        assertThat(assembler.append("\"presence.", false)).isNull();
        assertThat(assembler.pendingLength()).isEqualTo(18);
        assertThat(assembler.append("changed\"}", true)).isEqualTo("{\"type\":\"presence.changed\"}");
        assertThat(assembler.pendingLength()).isZero();
    }

    @Test
    void consecutiveMessagesDoNotBleedIntoEachOther() {
        assembler.append("first-", false);
        assertThat(assembler.append("message", true)).isEqualTo("first-message");
        assertThat(assembler.append("second", true)).isEqualTo("second");
        assembler.append("third-", false);
        assertThat(assembler.append("", true)).isEqualTo("third-");
    }

    @Test
    void splitSurrogatePairIsRejoined() {
        String emoji = "\uD83D\uDCDE"; // telephone receiver, two UTF-16 units
        assembler.append("call " + emoji.charAt(0), false);

        assertThat(assembler.append(emoji.charAt(1) + " me", true)).isEqualTo("call " + emoji + " me");
    }

    @Test
    void largeMessageIsAssembledAndItsBufferReleased() {
        String part = "x".repeat(40_000);
        assembler.append(part, false);
        assembler.append(part, false);

        assertThat(assembler.append(part, true)).hasSize(120_000);
        assertThat(assembler.append("small", true)).isEqualTo("small");
    }
}
