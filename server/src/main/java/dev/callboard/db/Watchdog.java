package dev.callboard.db;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Stops the embedded PostgreSQL when this JVM dies. A clean stop stops it anyway; this is for a
 * {@code kill -9} or a crash, after which the postmaster would otherwise go on serving the data
 * directory with nobody to stop it. A small {@code sh} process, not a child thread: it must outlive
 * the JVM. It asks for a fast shutdown (SIGINT), so the next start finds a cleanly stopped database.
 */
final class Watchdog {
    private static final Logger log = LoggerFactory.getLogger(Watchdog.class);
    private static final String SCRIPT = """
            jvm=$1; postmaster=$2; pidfile=$3
            while kill -0 "$jvm" 2>/dev/null; do sleep 1; done
            # Only the postmaster it was started for, if it still serves this data directory.
            [ "$(head -n 1 "$pidfile" 2>/dev/null)" = "$postmaster" ] && kill -INT "$postmaster" 2>/dev/null
            exit 0
            """;

    private Watchdog() {}

    /** @return the watchdog process (to end it after a clean stop), or null if none could be started */
    static Process start(Path dataDir) {
        try {
            Path pidFile = dataDir.resolve("postmaster.pid");
            String postmaster = Files.readAllLines(pidFile).getFirst().strip();
            if (!postmaster.matches("[0-9]+")) throw new IOException("unexpected postmaster.pid: " + postmaster);
            return new ProcessBuilder(List.of("sh", "-c", SCRIPT, "callboard-db-watchdog",
                    Long.toString(ProcessHandle.current().pid()), postmaster, pidFile.toString()))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException | RuntimeException e) {
            log.warn("No watchdog for the embedded database ({}): if this process is killed, stop PostgreSQL "
                    + "yourself before the next start", e.toString());
            return null;
        }
    }
}
