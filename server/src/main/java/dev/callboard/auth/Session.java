package dev.callboard.auth;

import dev.callboard.identity.CurrentUser;

import java.time.Instant;

/**
 * A signed-in session: one bearer token, and every WebSocket opened with it or with a ticket it
 * issued. {@code id} is the token's stored hash in hex (never the token), so a session can be named
 * in events and queries without the secret.
 */
public record Session(String id, CurrentUser user, Instant expiresAt) {}
