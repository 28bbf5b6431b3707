package dev.callboard.client;

import java.time.Instant;

/** The answer to {@code POST /api/auth/login}. */
public record LoginResult(String token, Instant expiresAt, User user) {

    @Override
    public String toString() {
        return "LoginResult[user=" + user + ", expiresAt=" + expiresAt + ", token=<redacted>]";
    }
}
