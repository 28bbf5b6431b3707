package dev.callboard.fuzz;

import com.code_intelligence.jazzer.api.BugDetectors;
import dev.callboard.support.LoggedProblems;

/** What both fuzz tests need before their first input. */
final class FuzzSetup {
    private static LoggedProblems problems;

    private FuzzSetup() {}

    /**
     * Lets the test and the server talk over loopback (the server's own PostgreSQL and Redis
     * connections included) while Jazzer's request-forgery detector still fails any other
     * destination; and starts collecting what the server logs. Called before every input: Jazzer
     * resets the network policy between replaying the seeds and fuzzing.
     */
    static synchronized LoggedProblems loopbackAndLog() {
        BugDetectors.allowNetworkConnections((host, port) -> host.equals("127.0.0.1") || host.equals("localhost"));
        if (problems == null) problems = LoggedProblems.attach();
        return problems;
    }
}
