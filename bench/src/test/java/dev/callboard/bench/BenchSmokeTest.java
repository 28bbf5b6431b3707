package dev.callboard.bench;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each scenario, tiny, against one in-process server: the report is written and its counts are
 * consistent. Never a timing threshold: speed is measured by running the bench, not asserted here.
 */
class BenchSmokeTest {
    private static final String[] TINY = {
            "--duration", "2", "--warmup", "0", "--quiet", "0", "--connections", "4", "--devices-per-user", "4",
            "--heartbeat-interval", "0.2", "--watchers", "4", "--changers", "1", "--changes-per-second", "10",
            "--pairs", "1", "--missed-share", "0.3"};
    private static ServerTarget server;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        server = ServerTarget.inProcess(System.getenv("CALLBOARD_TEST_BENCH_DATABASE_URL"), Map.of());
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    private JsonNode run(String scenario) throws Exception {
        Path out = dir.resolve(scenario + ".json");
        String[] args = new String[TINY.length + 3];
        args[0] = scenario;
        System.arraycopy(TINY, 0, args, 1, TINY.length);
        args[TINY.length + 1] = "--out";
        args[TINY.length + 2] = out.toString();
        BenchMain.run(server, Options.parse(args), System.out);
        assertThat(out).exists();
        JsonNode report = JsonMapper.builder().build().readTree(Files.readString(out));
        assertThat(report.path("scenario").asString()).isEqualTo(scenario);
        assertThat(report.path("measuredSeconds").asDouble()).isGreaterThan(0);
        assertThat(report.path("serverStatementsRaw").asLong()).isGreaterThanOrEqualTo(0);
        return report.path("results");
    }

    @Test
    void idle() throws Exception {
        checkIdle(run("idle").path("idle"));
    }

    @Test
    void presence() throws Exception {
        checkPresence(run("presence").path("presence"));
    }

    @Test
    void calls() throws Exception {
        checkCalls(run("calls").path("calls"));
    }

    @Test
    void mixed() throws Exception {
        JsonNode results = run("mixed");
        checkIdle(results.path("idle"));
        checkPresence(results.path("presence"));
        checkCalls(results.path("calls"));
    }

    private static void checkIdle(JsonNode idle) {
        assertThat(idle.path("connections").asInt()).isEqualTo(4);
        assertThat(idle.path("users").asInt()).isEqualTo(1);
        assertThat(idle.path("heartbeatsAcked").asLong()).isPositive().isLessThanOrEqualTo(idle.path("heartbeatsSent").asLong() + 4);
        assertThat(idle.path("heartbeatRtt").path("count").asLong()).isEqualTo(idle.path("heartbeatsAcked").asLong());
        assertThat(idle.path("heapWithConnections").path("connections").asInt()).isGreaterThanOrEqualTo(4);
        assertThat(idle.path("heapKiBPerConnection").isNumber()).isTrue();
        assertThat(idle.path("connectionsClosed").asLong()).isZero();
    }

    private static void checkPresence(JsonNode presence) {
        assertThat(presence.path("watchers").asInt()).isEqualTo(4);
        assertThat(presence.path("changes").asLong()).isPositive();
        assertThat(presence.path("deliveries").asLong()).isPositive()
                .isLessThanOrEqualTo(presence.path("expectedDeliveries").asLong());
        assertThat(presence.path("delivery").path("count").asLong()).isEqualTo(presence.path("deliveries").asLong());
    }

    private static void checkCalls(JsonNode calls) {
        assertThat(calls.path("pairs").asInt()).isEqualTo(1);
        assertThat(calls.path("completedCalls").asLong() + calls.path("missedCalls").asLong()).isPositive();
        assertThat(calls.path("inviteToRing").path("count").asLong()).isPositive();
    }
}
