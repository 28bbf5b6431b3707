package dev.callboard.web;

import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import java.util.concurrent.ThreadFactory;

/** Where the edges run their blocking work (JDBC, Argon2): a new virtual thread per task. */
public final class VirtualThreads {
    private VirtualThreads() {}

    /**
     * A scheduler whose tasks are never interrupted when their subscriber goes away (a client that
     * resets mid-request). A scheduler over an {@code ExecutorService} would interrupt them, and an
     * interrupt inside JDBC closes the socket under the pooled connection ("Closed by interrupt"):
     * the pool throws the connection away with an ERROR. Such a task simply runs to its end.
     */
    public static Scheduler uninterruptible(String namePrefix) {
        ThreadFactory threads = Thread.ofVirtual().name(namePrefix, 0).factory();
        // A plain Executor, not an ExecutorService: Schedulers.fromExecutor would otherwise pick the interrupting kind.
        return Schedulers.fromExecutor(task -> threads.newThread(task).start());
    }
}
