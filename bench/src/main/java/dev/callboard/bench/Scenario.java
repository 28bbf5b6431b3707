package dev.callboard.bench;

import java.util.Map;

/**
 * One kind of load. The runner calls {@link #setUp} (users, connections), {@link #start}, then after
 * the warm-up {@link #beginWindow} and after the measured window {@link #endWindow}, then
 * {@link #result} and {@link #tearDown}.
 */
public interface Scenario {
    String name();

    void setUp(BenchContext context) throws Exception;

    void start();

    /** Forget what the warm-up recorded. */
    void beginWindow();

    /** Stop counting (load may keep running until {@link #stop}). */
    void endWindow();

    void stop() throws Exception;

    /** One short line for the progress display. */
    String progress();

    /**
     * @param seconds  length of the measured window
     * @param server   the server's counters over the window (shared by all scenarios of a mixed run)
     */
    Map<String, Object> result(double seconds, ServerDelta server);

    /** After stop: e.g. the heap with the connections still open. */
    default void afterStop(BenchContext context, Map<String, Object> result) {
    }

    void tearDown();

    /** Server-side counters over the measured window. */
    record ServerDelta(long statements, double cpuNanos) {}
}
