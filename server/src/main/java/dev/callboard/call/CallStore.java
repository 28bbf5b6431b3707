package dev.callboard.call;

import dev.callboard.missedcall.MissedCallRepository;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.Supplier;

/**
 * The two tables a call transition writes, the transaction that spans them, and the clock that
 * stamps them — so that a transition and the missed-call record it causes commit together.
 */
@Component
public class CallStore {
    private final TransactionTemplate tx;
    private final CallRepository calls;
    private final MissedCallRepository missedCalls;
    private final Clock clock;

    public CallStore(TransactionTemplate tx, CallRepository calls, MissedCallRepository missedCalls, Clock clock) {
        this.tx = tx;
        this.calls = calls;
        this.missedCalls = missedCalls;
        this.clock = clock;
    }

    public <T> T inTransaction(Supplier<T> work) {
        return tx.execute(status -> work.get());
    }

    public CallRepository calls() {
        return calls;
    }

    public MissedCallRepository missedCalls() {
        return missedCalls;
    }

    public Clock clock() {
        return clock;
    }

    /** Microseconds are what PostgreSQL stores, so what we return equals what we read back. */
    public Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
