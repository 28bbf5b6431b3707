package dev.callboard.client;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * One-shot timers on the JDK's shared delay thread ({@link CompletableFuture#delayedExecutor}), so a
 * session needs no scheduler thread of its own; the task itself runs on the given executor.
 */
final class Delays {

    private Delays() {
    }

    /** Runs {@code task} after {@code delay} unless the returned future is cancelled first. */
    static Future<?> schedule(Duration delay, Runnable task, Executor executor) {
        CompletableFuture<Void> handle = new CompletableFuture<>();
        CompletableFuture.delayedExecutor(delay.toNanos(), TimeUnit.NANOSECONDS, executor).execute(() -> {
            if (handle.complete(null)) {
                task.run();
            }
        });
        return handle;
    }

    static void cancel(Future<?> timer) {
        if (timer != null) {
            timer.cancel(false);
        }
    }
}
