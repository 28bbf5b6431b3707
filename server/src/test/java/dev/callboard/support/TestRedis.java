package dev.callboard.support;

import redis.embedded.RedisServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/**
 * A real Redis for tests: the server named by {@code CALLBOARD_TEST_REDIS_URL}, or one embedded
 * Redis per test JVM. Tests that stop and start Redis get their own with {@link #own()}. Tests
 * sharing a Redis keep apart with their own key prefix.
 */
public final class TestRedis {
    private static String sharedUrl;

    private TestRedis() {}

    public static synchronized String url() {
        if (sharedUrl == null) {
            String configured = System.getenv("CALLBOARD_TEST_REDIS_URL");
            sharedUrl = configured != null && !configured.isBlank() ? configured : own().start().url();
        }
        return sharedUrl;
    }

    /** A Redis of the caller's own on a free port, stopped and started at will (not started yet). */
    public static Own own() {
        return new Own(freePort());
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One embedded Redis (nothing kept on disk: a restart comes back empty, as a crashed cache would). */
    public static final class Own implements AutoCloseable {
        private final int port;
        private RedisServer server;

        Own(int port) {
            this.port = port;
        }

        public String url() {
            return "redis://127.0.0.1:" + port;
        }

        public synchronized Own start() {
            try {
                server = RedisServer.newRedisServer().port(port).bind("127.0.0.1")
                        .setting("save \"\"").setting("appendonly no").onShutdownForceStop(true).build();
                server.start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        public synchronized void stop() {
            try {
                if (server != null) server.stop();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server = null;
        }

        @Override
        public void close() {
            stop();
        }
    }
}
