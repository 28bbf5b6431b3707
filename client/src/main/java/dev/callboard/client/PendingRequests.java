package dev.callboard.client;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;

/**
 * Requests waiting for their {@code ack} or {@code error}, by id. Futures complete on the executor,
 * never on the thread that reads replies: a caller's continuation that blocks (say, on another
 * request) must not stop the reply it waits for from being read.
 */
final class PendingRequests {

    record Pending(String id, CompletableFuture<JsonNode> reply) {
    }

    private final Map<String, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final Executor executor;
    private final Duration timeout;

    PendingRequests(Executor executor, Duration timeout) {
        this.executor = executor;
        this.timeout = timeout;
    }

    /** A fresh id and its future, which fails with {@code timeout} if no reply comes in time. */
    Pending register(String type) {
        String id = Long.toString(ids.incrementAndGet());
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        Delays.schedule(timeout, () -> fail(id, new CallboardException(CallboardException.NO_STATUS,
                CallboardException.TIMEOUT, "no reply to " + type + " within " + timeout)), executor);
        return new Pending(id, reply);
    }

    /** True if {@code id} was pending (and now completes); false for an id nobody waits on. */
    boolean complete(String id, JsonNode data) {
        CompletableFuture<JsonNode> reply = id == null ? null : pending.remove(id);
        if (reply == null) {
            return false;
        }
        executor.execute(() -> reply.complete(data));
        return true;
    }

    boolean fail(String id, CallboardException error) {
        CompletableFuture<JsonNode> reply = id == null ? null : pending.remove(id);
        if (reply == null) {
            return false;
        }
        executor.execute(() -> reply.completeExceptionally(error));
        return true;
    }

    /** The connection is gone: no reply will come for anything sent on it. */
    void failAll(String why) {
        pending.keySet().forEach(id -> fail(id, new CallboardException(CallboardException.NO_STATUS,
                CallboardException.CONNECTION_CLOSED, why)));
    }
}
