package dev.callboard.call;

import java.util.UUID;

/**
 * What calling needs of missed calls. The missed-call feature implements it, so calling never
 * depends on that feature (it is the other way round: missed calls are about calls).
 */
public interface MissedCalls {

    /**
     * Records that the callee missed this call. Runs inside the transaction that moved the call, so
     * the record exists exactly when the transition does (at most one per call).
     *
     * @return the record's id
     */
    UUID record(Call call, HangupReason reason);

    /** Tells the callee's devices about the record; only once that transaction has committed. */
    void announce(UUID missedCallId);
}
