package dev.callboard.call;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.Supplier;

/**
 * What a call transition writes (the call, and the missed-call record it may cause), the
 * transaction that spans them, and the clock that stamps them — so that a transition and the
 * missed-call record it causes commit together.
 */
@Component
public class CallStore {
    private final TransactionTemplate tx;
    private final CallRepository calls;
    private final MissedCalls missedCalls;
    private final Clock clock;

    public CallStore(TransactionTemplate tx, CallRepository calls, MissedCalls missedCalls, Clock clock) {
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

    public MissedCalls missedCalls() {
        return missedCalls;
    }

    /** Microseconds are what PostgreSQL stores, so what we return equals what we read back. */
    public Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
