package dev.callboard.presence;

import dev.callboard.db.BackgroundFailures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Write-behind for aggregate status and last-seen. Callers enqueue under the user's lock (so the
 * queue order is the event order) and never wait for PostgreSQL; a single writer thread drains
 * the queue, keeping only the newest row per user, so a burst of changes costs one write per user.
 * Rows that could not be written stay queued and are tried again every 500 ms until PostgreSQL
 * answers: a status a user was shown survives a database outage.
 */
public class PresenceStatusWriter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PresenceStatusWriter.class);

    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(5);
    private static final Duration RETRY_AFTER = Duration.ofMillis(500);

    private final PresenceStore store;
    private final Clock clock;
    private final Map<UUID, PresenceStore.StatusRow> pending = new LinkedHashMap<>();
    private final java.util.Set<UUID> writing = new java.util.HashSet<>();
    private final Thread thread;
    private final BackgroundFailures failures = new BackgroundFailures(log, "Storing presence rows");
    private boolean closed;

    public PresenceStatusWriter(PresenceStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
        this.thread = Thread.ofVirtual().name("presence-writer").start(this::run);
    }

    public void enqueue(PresenceStore.StatusRow row) {
        synchronized (pending) {
            pending.put(row.userId(), row);
            pending.notifyAll();
        }
    }

    public boolean isPending(UUID userId) {
        synchronized (pending) {
            return pending.containsKey(userId) || writing.contains(userId);
        }
    }

    /** @return whether everything enqueued so far was written within {@code max} */
    public boolean flush(Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        synchronized (pending) {
            while (!pending.isEmpty() && !closed) {
                long left = deadline - System.nanoTime();
                if (left <= 0) return false;
                try {
                    pending.wait(Math.min(50, Math.max(1, left / 1_000_000)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return pending.isEmpty();
        }
    }

    private void run() {
        while (true) {
            List<PresenceStore.StatusRow> batch;
            synchronized (pending) {
                while (pending.isEmpty() && !closed) {
                    try {
                        pending.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (pending.isEmpty()) return;
                batch = new ArrayList<>(pending.values());
                for (PresenceStore.StatusRow row : batch) writing.add(row.userId());
            }
            boolean stored = false;
            try {
                store.saveStatuses(batch, clock.instant());
                stored = true;
                failures.succeeded();
            } catch (RuntimeException e) {
                failures.failed(e);
            }
            synchronized (pending) {
                for (PresenceStore.StatusRow row : batch) {
                    writing.remove(row.userId());
                    // Written: drop it unless a newer row for the same user arrived meanwhile. Not
                    // written: it stays pending (or a newer row took its place) and is tried again.
                    if (stored) pending.remove(row.userId(), row);
                }
                pending.notifyAll();
                if (!stored) {
                    if (closed) return; // the stop has given up on them (and said so)
                    long until = System.nanoTime() + RETRY_AFTER.toNanos();
                    try {
                        for (long left; !closed && (left = until - System.nanoTime()) > 0; ) {
                            pending.wait(Math.max(1, left / 1_000_000)); // new rows do not cut the pause short
                        }
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }
    }

    /** Writes what is pending, but never holds up shutdown for long if PostgreSQL is already gone. */
    @Override
    public void close() throws InterruptedException {
        if (!flush(SHUTDOWN_GRACE)) log.warn("Stopping with presence rows unwritten: the database did not answer in time");
        synchronized (pending) {
            closed = true;
            pending.notifyAll();
        }
        thread.interrupt();
        thread.join(SHUTDOWN_GRACE.toMillis());
    }
}
