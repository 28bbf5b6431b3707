package dev.callboard.presence;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Write-behind for aggregate status and last-seen. Callers enqueue under the user's lock (so the
 * queue order is the event order) and never wait for PostgreSQL; a single writer thread drains
 * the queue, keeping only the newest row per user, so a burst of changes costs one write per user.
 */
public class PresenceStatusWriter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PresenceStatusWriter.class);

    private final PresenceStore store;
    private final Clock clock;
    private final Map<UUID, PresenceStore.StatusRow> pending = new LinkedHashMap<>();
    private final java.util.Set<UUID> writing = new java.util.HashSet<>();
    private final Thread thread;
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

    /** Blocks until everything enqueued so far is written (for shutdown and tests). */
    public void flush() {
        synchronized (pending) {
            while (!pending.isEmpty() && !closed) {
                try {
                    pending.wait(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
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
            try {
                store.saveStatuses(batch, clock.instant());
            } catch (RuntimeException e) {
                log.warn("Could not store {} presence rows; they will be retried with the next change", batch.size(), e);
            }
            synchronized (pending) {
                // Drop what was written unless a newer row for the same user arrived meanwhile.
                for (PresenceStore.StatusRow row : batch) {
                    pending.remove(row.userId(), row);
                    writing.remove(row.userId());
                }
                pending.notifyAll();
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        flush();
        synchronized (pending) {
            closed = true;
            pending.notifyAll();
        }
        thread.join(5_000);
    }
}
