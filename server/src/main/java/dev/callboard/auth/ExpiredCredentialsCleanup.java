package dev.callboard.auth;

import dev.callboard.db.BackgroundFailures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Removes expired bearer tokens and WebSocket tickets. Expired rows are already useless (every check
 * compares {@code expires_at}); this only keeps the tables small. Safe to run on every node at once.
 */
@Component
public class ExpiredCredentialsCleanup {
    private static final Logger log = LoggerFactory.getLogger(ExpiredCredentialsCleanup.class);
    private final BackgroundFailures failures = new BackgroundFailures(log, "Deleting expired tokens");

    private final AuthTokens tokens;
    private final WsTickets tickets;

    public ExpiredCredentialsCleanup(AuthTokens tokens, WsTickets tickets) {
        this.tokens = tokens;
        this.tickets = tickets;
    }

    @Scheduled(initialDelayString = "${callboard.auth.cleanup-interval:PT10M}",
            fixedDelayString = "${callboard.auth.cleanup-interval:PT10M}")
    public void run() {
        try {
            int deletedTokens = tokens.deleteExpired();
            int deletedTickets = tickets.deleteExpired();
            failures.succeeded();
            if (deletedTokens + deletedTickets > 0) {
                log.debug("Deleted {} expired tokens and {} expired WebSocket tickets", deletedTokens, deletedTickets);
            }
        } catch (RuntimeException e) {
            failures.failed(e);
        }
    }
}
