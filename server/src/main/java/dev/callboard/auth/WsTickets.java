package dev.callboard.auth;

import dev.callboard.identity.CurrentUser;
import dev.callboard.identity.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

import static dev.callboard.auth.AuthTokens.utc;

/**
 * Short-lived single-use tickets a browser trades for a WebSocket upgrade (browsers cannot set an
 * {@code Authorization} header on {@code new WebSocket(...)}, and a long-lived token must never appear
 * in a URL). Stored as SHA-256 in {@code ws_tickets}; redeeming deletes the row in the same statement,
 * so a ticket works exactly once even when two nodes race for it. A ticket belongs to the session
 * that asked for it: it works only while that session does, and the socket it opens is part of it.
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

    public Issued issue(Session session) {
        Instant expiresAt = clock.instant().truncatedTo(ChronoUnit.MILLIS).plus(properties.ticketTtl());
        String ticket = SecretTokens.newSecret();
        jdbc.sql("INSERT INTO ws_tickets (ticket_hash, user_id, token_hash, expires_at) VALUES (?, ?, decode(?, 'hex'), ?)")
                .params(SecretTokens.sha256(ticket), session.user().id(), session.id(), utc(expiresAt))
                .update();
        return new Issued(ticket, expiresAt);
    }

    /**
     * Consumes the ticket atomically; empty if it is unknown, already used or expired, or if the
     * session it belongs to has ended since (a ticket issued before a logout is dead after it).
     */
    public Optional<Session> redeem(String ticket) {
        if (!SecretTokens.plausible(ticket)) return Optional.empty();
        OffsetDateTime now = utc(clock.instant());
        return jdbc.sql("WITH redeemed AS ("
                        + " DELETE FROM ws_tickets WHERE ticket_hash = ? AND expires_at > ? RETURNING token_hash)"
                        + " SELECT u.id, u.role, t.token_hash, t.expires_at FROM redeemed r"
                        + " JOIN auth_tokens t ON t.token_hash = r.token_hash AND t.revoked_at IS NULL AND t.expires_at > ?"
                        + " JOIN users u ON u.id = t.user_id AND u.active")
                .params(SecretTokens.sha256(ticket), now, now)
                .query((rs, i) -> new Session(AuthTokens.sessionId(rs.getBytes("token_hash")),
                        new CurrentUser(rs.getObject("id", UUID.class), Role.parse(rs.getString("role"))),
                        rs.getObject("expires_at", OffsetDateTime.class).toInstant()))
                .optional();
    }

    public int deleteExpired() {
        return jdbc.sql("DELETE FROM ws_tickets WHERE expires_at <= ?").param(utc(clock.instant())).update();
    }
}
