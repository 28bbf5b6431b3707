package dev.callboard.call;

import dev.callboard.db.BackgroundFailures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Ends ringing calls whose stored deadline has passed, with a missed-call record each. Because
 * the deadline is in the database, a call ringing when the server stopped is still missed (once)
 * after it starts again; {@code SKIP LOCKED} lets several nodes sweep without doing the work twice,
 * and a call being answered at that instant is left to the answer.
 */
@Component
public class RingTimeoutSweeper {
    private static final Logger log = LoggerFactory.getLogger(RingTimeoutSweeper.class);
    private final BackgroundFailures failures = new BackgroundFailures(log, "The ring-timeout sweep");
    static final int BATCH = 100;

    private final CallStore store;
    private final CallEvents events;

    public RingTimeoutSweeper(CallStore store, CallEvents events) {
        this.store = store;
        this.events = events;
    }

    private record Missed(Call call, UUID missedCallId) {}

    /** @return how many calls were ended as missed */
    public int sweep() {
        int total = 0;
        List<Missed> batch;
        do {
            batch = store.inTransaction(this::expireBatch);
            batch.forEach(m -> events.finished(m.call(), m.missedCallId()));
            total += batch.size();
        } while (batch.size() == BATCH);
        return total;
    }

    /** Scheduled entry point: a failure is logged and the next tick tries again. */
    public void sweepQuietly() {
        try {
            int n = sweep();
            if (n > 0) log.debug("{} ringing call(s) timed out", n);
            failures.succeeded();
        } catch (RuntimeException e) {
            failures.failed(e);
        }
    }

    private List<Missed> expireBatch() {
        Instant now = store.now();
        List<Missed> missed = new ArrayList<>();
        for (UUID id : store.calls().lockOverdueRinging(now, BATCH)) {
            // The row is locked by us and still ringing, so this update cannot lose.
            Call call = store.calls().finish(id, CallStatus.RINGING, CallStatus.MISSED, HangupReason.INVITE_TIMEOUT, now)
                    .orElseThrow();
            missed.add(new Missed(call, store.missedCalls().record(call, HangupReason.INVITE_TIMEOUT)));
        }
        return missed;
    }
}
