package dev.callboard.db;

import org.slf4j.Logger;

/**
 * How a background job (a sweeper, the write-behind) reports its failures: while the database is
 * not answering, one WARN line when the outage starts and one INFO line when the job works again,
 * not a stack trace on every attempt. Any other failure is a bug and is logged with its trace.
 */
public final class BackgroundFailures {
    private final Logger log;
    private final String job;
    private int outageFailures;

    public BackgroundFailures(Logger log, String job) {
        this.log = log;
        this.job = job;
    }

    public synchronized void failed(RuntimeException e) {
        if (!DatabaseGate.isUnavailable(e)) {
            log.warn("{} failed; will retry", job, e);
            return;
        }
        if (outageFailures++ == 0) log.warn("{} failed, the database is not answering ({}); retrying quietly until it does", job, e.toString());
    }

    public synchronized void succeeded() {
        if (outageFailures == 0) return;
        log.info("{} works again after {} failed attempt(s)", job, outageFailures);
        outageFailures = 0;
    }

    /** Whether the last attempt failed because the database did not answer. */
    public synchronized boolean inOutage() {
        return outageFailures > 0;
    }
}
