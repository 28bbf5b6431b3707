package dev.callboard.realtime;

import dev.callboard.auth.AuthTokens;
import dev.callboard.db.BackgroundFailures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/**
 * Keeps this node's sockets inside their sessions. A socket closes (4003) when its session expires,
 * checked every second in memory. Logouts and other ends reach every node at once through the event
 * bus; as a net for one lost on the way (Redis pub/sub is at-most-once), the sessions of the open
 * sockets are also checked against PostgreSQL now and then.
 */
@Component
public class OpenSessions {
    private static final Logger log = LoggerFactory.getLogger(OpenSessions.class);
    private final BackgroundFailures failures = new BackgroundFailures(log, "Checking the sessions of open sockets");

    private final ConnectionRegistry connections;
    private final AuthTokens tokens;
    private final Clock clock;

    public OpenSessions(ConnectionRegistry connections, AuthTokens tokens, Clock clock) {
        this.connections = connections;
        this.tokens = tokens;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${callboard.auth.session-expiry-check:PT1S}")
    public void closeExpired() {
        Instant now = clock.instant();
        connections.forEach(c -> {
            if (!c.signedIn().expiresAt().isAfter(now)) c.close(ConnectionRegistry.SESSION_ENDED);
        });
    }

    @Scheduled(initialDelayString = "${callboard.auth.session-recheck:PT30S}",
            fixedDelayString = "${callboard.auth.session-recheck:PT30S}")
    public void closeEnded() {
        try {
            Set<String> open = new HashSet<>();
            connections.forEach(c -> open.add(c.signedIn().id()));
            Set<String> ended = new HashSet<>(open);
            ended.removeAll(tokens.stillValid(open));
            // Only sessions that were checked: a socket opened meanwhile is not judged until next time.
            connections.forEach(c -> {
                if (ended.contains(c.signedIn().id())) c.close(ConnectionRegistry.SESSION_ENDED);
            });
            failures.succeeded();
        } catch (RuntimeException e) {
            failures.failed(e);
        }
    }
}
