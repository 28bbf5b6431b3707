package dev.callboard.client;

import java.util.Locale;

/** Filter for the call history: calls I received or calls I made. */
public enum Direction {
    INCOMING, OUTGOING;

    /** The name on the wire, e.g. {@code incoming}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
