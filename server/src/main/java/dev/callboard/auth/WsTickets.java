package dev.callboard.auth;

import dev.callboard.identity.CurrentUser;
import dev.callboard.identity.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

import static dev.callboard.auth.AuthTokens.utc;

/**
 * Short-lived single-use tickets a browser trades for a WebSocket upgrade (browsers cannot set an
 * {@code Authorization} header on {@code new WebSocket(...)}, and a long-lived token must never appear
 * in a URL). Stored as SHA-256 in {@code ws_tickets}; redeeming deletes the row in the same statement,
 * so a ticket works exactly once even when two nodes race for it.
 */
@Component
public class WsTickets {
    public record Issued(String ticket, Instant expiresAt) {}

    private final JdbcClient jdbc;
    private final Clock clock;
    private final AuthProperties properties;

    public WsTickets(JdbcClient jdbc, Clock clock, AuthProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.properties = properties;
    }

    public Issued issue(UUID userId) {
        Instant expiresAt = clock.instant().truncatedTo(ChronoUnit.MILLIS).plus(properties.ticketTtl());
        String ticket = SecretTokens.newSecret();
        jdbc.sql("INSERT INTO ws_tickets (ticket_hash, user_id, expires_at) VALUES (?, ?, ?)")
                .params(SecretTokens.sha256(ticket), userId, utc(expiresAt))
                .update();
        return new Issued(ticket, expiresAt);
    }

    /** Consumes the ticket atomically; empty if it is unknown, already used or expired. */
    public Optional<CurrentUser> redeem(String ticket) {
        if (!SecretTokens.plausible(ticket)) return Optional.empty();
        return jdbc.sql("WITH redeemed AS ("
                        + " DELETE FROM ws_tickets WHERE ticket_hash = ? AND expires_at > ? RETURNING user_id)"
                        + " SELECT u.id, u.role FROM redeemed r JOIN users u ON u.id = r.user_id")
                .params(SecretTokens.sha256(ticket), utc(clock.instant()))
                .query((rs, i) -> new CurrentUser(rs.getObject("id", UUID.class), Role.parse(rs.getString("role"))))
                .optional();
    }

    public int deleteExpired() {
        return jdbc.sql("DELETE FROM ws_tickets WHERE expires_at <= ?").param(utc(clock.instant())).update();
    }
}
