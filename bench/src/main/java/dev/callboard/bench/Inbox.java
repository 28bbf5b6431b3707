package dev.callboard.bench;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The {@code call.*} frames of one connection, with arrival times, for a thread that waits for them
 * in order. Everything else (presence fan-out, acks) is dropped on the event loop without parsing.
 */
final class Inbox implements WsConnection.Listener {
    private static final long TIMEOUT_SECONDS = 10;

    record Frame(String type, String text, long arrivedNanos) {}

    private final LinkedBlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
    volatile WsConnection connection;

    @Override
    public void onFrame(WsConnection c, String text, long arrivedNanos) {
        if (!text.startsWith("{\"type\":\"call.")) return;
        int end = text.indexOf('"', 9);
        frames.add(new Frame(text.substring(9, end), text, arrivedNanos));
    }

    /** Waits for a frame of this type about this call; frames before it are skipped. @return its arrival time */
    long await(String type, String callId) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (true) {
            long left = deadline - System.nanoTime();
            Frame f = left <= 0 ? null : frames.poll(left, TimeUnit.NANOSECONDS);
            if (f == null) throw new IllegalStateException(new TimeoutException(type + " for call " + callId + " did not arrive"));
            if (f.type().equals(type) && f.text().contains(callId)) return f.arrivedNanos();
        }
    }

    void clear() {
        frames.clear();
    }
}
