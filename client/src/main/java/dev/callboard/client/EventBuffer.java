package dev.callboard.client;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * The most recent events of a session, for {@code awaitEvent}: a waiter first looks at what already
 * arrived, then waits for more, so a test never races the server. Bounded: the oldest events drop
 * out first. Once closed, a waiter that finds nothing fails at once instead of waiting out its time.
 */
final class EventBuffer {

    private record Entry(long seq, Event event) {
    }

    private final int capacity;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition added = lock.newCondition();
    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private long lastSeq;
    private String closedReason;

    EventBuffer(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must be >= 0");
        }
        this.capacity = capacity;
    }

    void add(Event event) {
        lock.lock();
        try {
            lastSeq++;
            if (capacity > 0) {
                if (entries.size() == capacity) {
                    entries.removeFirst();
                }
                entries.addLast(new Entry(lastSeq, event));
            }
            added.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The sequence number of the latest event; events after it are those with a greater number. */
    long mark() {
        lock.lock();
        try {
            return lastSeq;
        } finally {
            lock.unlock();
        }
    }

    void clear() {
        lock.lock();
        try {
            entries.clear();
        } finally {
            lock.unlock();
        }
    }

    List<Event> snapshot() {
        lock.lock();
        try {
            List<Event> events = new ArrayList<>(entries.size());
            entries.forEach(entry -> events.add(entry.event()));
            return events;
        } finally {
            lock.unlock();
        }
    }

    /** No more events will come; wakes all waiters. */
    void close(String reason) {
        lock.lock();
        try {
            closedReason = reason;
            added.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The oldest retained event after {@code afterSeq} of the given type matching the predicate. */
    <T extends Event> T await(Class<T> type, Predicate<? super T> predicate, Duration timeout, long afterSeq) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long searchedUpTo = afterSeq;
        lock.lock();
        try {
            while (true) {
                for (Entry entry : entries) {
                    if (entry.seq() > searchedUpTo && type.isInstance(entry.event())) {
                        T event = type.cast(entry.event());
                        if (predicate.test(event)) {
                            return event;
                        }
                    }
                }
                searchedUpTo = Math.max(searchedUpTo, lastSeq);
                if (closedReason != null) {
                    throw timeout(type, "the session is closed (" + closedReason + ")");
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw timeout(type, "none arrived within " + timeout);
                }
                added.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw timeout(type, "interrupted");
        } finally {
            lock.unlock();
        }
    }

    private EventTimeoutException timeout(Class<?> type, String why) {
        List<String> recent = new ArrayList<>();
        entries.descendingIterator().forEachRemaining(entry -> {
            if (recent.size() < 10) {
                String text = entry.event().toString();
                recent.addFirst(text.length() > 300 ? text.substring(0, 300) + "..." : text);
            }
        });
        return new EventTimeoutException("No matching " + type.getSimpleName() + ": " + why
                + "; latest events: " + recent);
    }
}
