package dev.callboard.bench;

import java.io.PrintStream;
import java.util.function.Supplier;

/** One status line every two seconds on stderr while a phase runs. */
public final class Progress implements AutoCloseable {
    private final Thread thread;
    private volatile boolean running = true;

    public Progress(PrintStream out, String phase, Supplier<String> status) {
        long start = System.nanoTime();
        thread = Thread.ofPlatform().daemon().name("bench-progress").start(() -> {
            while (running) {
                try {
                    Thread.sleep(2000);
                } catch (InterruptedException e) {
                    return;
                }
                if (running) out.printf("  [%5.1fs] %s: %s%n", (System.nanoTime() - start) / 1e9, phase, status.get());
            }
        });
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
