package dev.callboard.client;

import java.time.Instant;

/** A short-lived, single-use ticket for connecting to {@code /ws?ticket=...}. */
public record RealtimeTicket(String ticket, Instant expiresAt) {
}
