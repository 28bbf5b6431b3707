package dev.callboard.realtime;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * The first thing a stopping node does (highest phase, so before the web server's graceful wait,
 * which would otherwise keep every open WebSocket for its whole timeout): close every socket with
 * 1001 and let presence hear of each. What follows is ordinary bean shutdown: the write-behind
 * flushes its rows, a cluster node gives its lease up (without being reaped: it has no devices
 * left), and the embedded database, which everything else needs, stops last.
 */
@Component
public class GracefulStop implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(GracefulStop.class);
    static final Duration MAX = Duration.ofSeconds(5);

    private final RealtimeGateway gateway;
    private volatile boolean running;

    public GracefulStop(RealtimeGateway gateway) {
        this.gateway = gateway;
    }

    /** Also after a stop: a context may be stopped and started again (the test framework pauses idle ones). */
    @Override
    public void start() {
        gateway.acceptNew();
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        long started = System.nanoTime();
        int left = gateway.closeAll(MAX);
        long millis = (System.nanoTime() - started) / 1_000_000;
        if (left > 0) log.warn("Stopping with {} socket(s) not yet gone after {} ms", left, millis);
        else log.info("Closed every WebSocket (1001) in {} ms", millis);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }
}
