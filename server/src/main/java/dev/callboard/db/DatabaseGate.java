package dev.callboard.db;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

import java.sql.SQLException;
import java.time.Clock;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Lets a burst of request work (a reconnect storm: thousands of token lookups and hellos at once)
 * wait its turn here rather than in the connection pool, whose 2 s wait is there to tell a hung
 * database from a busy one. At most {@code permits} pieces of work hold or wait for a connection;
 * the rest wait, without a deadline, for a permit. Once work fails because the database does not
 * answer, everything waiting or arriving in the next second fails at once the same way, so a hung
 * database still gives quick 503s instead of a queue draining a few connections at a time.
 */
public final class DatabaseGate {
    private static final long DOWN_FOR_MS = 1_000;
    private static final long RECHECK_MS = 50;
    /** SQLSTATE class 08: the connection failed or is gone (08003 is the pool's "connection is closed"). */
    private static final String CONNECTION_EXCEPTION = "08";

    private final Semaphore permits;
    private final Clock clock;
    private volatile long downUntil;

    public DatabaseGate(int permits, Clock clock) {
        if (permits < 1) throw new IllegalArgumentException("permits must be positive");
        this.permits = new Semaphore(permits, true);
        this.clock = clock;
    }

    /** Runs the work once a permit is free; throws the pool's own exception if the database is down. */
    public <T> T through(Supplier<T> work) {
        acquire();
        try {
            return work.get();
        } catch (RuntimeException e) {
            if (isUnavailable(e)) downUntil = clock.millis() + DOWN_FOR_MS;
            throw e;
        } finally {
            permits.release();
        }
    }

    private void acquire() {
        boolean interrupted = false;
        try {
            while (true) {
                if (clock.millis() < downUntil) throw down();
                try {
                    if (permits.tryAcquire(RECHECK_MS, TimeUnit.MILLISECONDS)) {
                        // the failing work sets the mark before it frees its permit: a waiter handed
                        // that permit sees the outage here
                        if (clock.millis() < downUntil) {
                            permits.release();
                            throw down();
                        }
                        return;
                    }
                } catch (InterruptedException e) {
                    interrupted = true; // finish waiting: a half-done lookup would be worse
                }
            }
        } finally {
            if (interrupted) Thread.currentThread().interrupt();
        }
    }

    private static CannotGetJdbcConnectionException down() {
        return new CannotGetJdbcConnectionException("the database did not answer just now");
    }

    /** Whether the failure means PostgreSQL is not answering (pool wait, connect, statement or socket timeout). */
    public static boolean isUnavailable(Throwable failure) {
        // Wrapped, too: a transaction that cannot start wraps the pool's timeout (CannotCreateTransactionException).
        // A rollback that fails after a lost connection hides the first failure: look at it as well.
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DataAccessResourceFailureException || t instanceof QueryTimeoutException
                    || t instanceof TransientDataAccessResourceException || t instanceof CannotCreateTransactionException
                    || t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith(CONNECTION_EXCEPTION)) {
                return true;
            }
            if (t instanceof TransactionSystemException tx && tx.getApplicationException() != null
                    && isUnavailable(tx.getApplicationException())) {
                return true;
            }
        }
        return false;
    }
}
