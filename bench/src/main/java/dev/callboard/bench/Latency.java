package dev.callboard.bench;

import org.HdrHistogram.Histogram;

import java.util.LinkedHashMap;
import java.util.Map;

/** A latency distribution in microseconds (1 µs to 1 h, 3 significant digits); thread-safe. */
public final class Latency {
    private final Histogram histogram = new Histogram(3_600_000_000L, 3);

    public void recordNanos(long nanos) {
        long micros = Math.max(1, nanos / 1_000);
        synchronized (histogram) {
            histogram.recordValue(Math.min(micros, histogram.getHighestTrackableValue()));
        }
    }

    public long count() {
        synchronized (histogram) {
            return histogram.getTotalCount();
        }
    }

    public double percentileMillis(double p) {
        synchronized (histogram) {
            return histogram.getTotalCount() == 0 ? Double.NaN : histogram.getValueAtPercentile(p) / 1000.0;
        }
    }

    public void reset() {
        synchronized (histogram) {
            histogram.reset();
        }
    }

    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        synchronized (histogram) {
            m.put("count", histogram.getTotalCount());
            m.put("p50Ms", percentileMillis(50));
            m.put("p99Ms", percentileMillis(99));
            m.put("p999Ms", percentileMillis(99.9));
            m.put("maxMs", histogram.getTotalCount() == 0 ? Double.NaN : histogram.getMaxValue() / 1000.0);
        }
        return m;
    }

    public String summary() {
        return String.format("p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms (n=%d)",
                percentileMillis(50), percentileMillis(99), percentileMillis(99.9), count());
    }
}
