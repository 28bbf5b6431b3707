package dev.callboard.client;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;

/** Runs {@code beat} every {@code interval} (fixed delay) until stopped. One per connection. */
final class Heartbeater {

    private final Duration interval;
    private final Executor executor;
    private final Runnable beat;
    private final Object lock = new Object();
    private Future<?> timer;
    private boolean stopped;

    Heartbeater(Duration interval, Executor executor, Runnable beat) {
        this.interval = interval;
        this.executor = executor;
        this.beat = beat;
    }

    void start() {
        schedule();
    }

    void stop() {
        synchronized (lock) {
            stopped = true;
            Delays.cancel(timer);
        }
    }

    private void schedule() {
        synchronized (lock) {
            if (!stopped) {
                timer = Delays.schedule(interval, this::tick, executor);
            }
        }
    }

    private void tick() {
        synchronized (lock) {
            if (stopped) {
                return;
            }
        }
        try {
            beat.run();
        } finally {
            schedule();
        }
    }
}
