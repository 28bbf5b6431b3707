package dev.callboard.call;

import dev.callboard.CallboardApplication;
import dev.callboard.directory.User;
import dev.callboard.directory.UserRepository;
import dev.callboard.identity.CurrentUser;
import dev.callboard.identity.Role;
import dev.callboard.presence.PresenceEngine;
import dev.callboard.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Stop the server while a call rings, start it again: the stored deadline still makes one missed call. */
class RestartDuringRingingIT {

    @Test
    void aCallRingingWhenTheServerStopsIsMissedOnceAfterItStartsAgain() {
        String database = TestDatabase.createDatabase();
        UUID callId;
        try (ConfigurableApplicationContext first = start(database)) {
            UserRepository users = first.getBean(UserRepository.class);
            User ada = users.create("ada-" + UUID.randomUUID() + "@example.com", "Ada", Role.ADMIN, null, "x");
            User carl = users.create("carl-" + UUID.randomUUID() + "@example.com", "Carl", Role.CLIENT, null, "x");
            first.getBean(PresenceEngine.class).deviceConnected(carl.id(), Role.CLIENT, "carl-phone", 1);
            Call call = first.getBean(CallSetup.class)
                    .create(new CurrentUser(ada.id(), Role.ADMIN), carl.id(), Media.AUDIO, null).call();
            assertThat(call.status()).isEqualTo(CallStatus.RINGING);
            callId = call.id();
        }
        JdbcClient db = JdbcClient.create(new DriverManagerDataSource(database));
        assertThat(db.sql("SELECT status FROM call_attempts WHERE id = ?").param(callId).query(String.class).single())
                .as("the server stopped while the call was ringing").isEqualTo("ringing");

        try (ConfigurableApplicationContext second = start(database)) {
            CallRepository calls = second.getBean(CallRepository.class);
            await().atMost(Duration.ofSeconds(30)).until(() -> missedRecords(db, callId) == 1);

            Call missed = calls.find(callId).orElseThrow();
            assertThat(missed.status()).isEqualTo(CallStatus.MISSED);
            assertThat(missed.reason()).isEqualTo(HangupReason.INVITE_TIMEOUT);
            assertThat(second.getBean(RingTimeoutSweeper.class).sweep()).isZero();
            assertThat(missedRecords(db, callId)).isEqualTo(1);
        }
    }

    private static int missedRecords(JdbcClient db, UUID callId) {
        return db.sql("SELECT count(*) FROM missed_calls WHERE call_id = ?").param(callId).query(Integer.class).single();
    }

    private static ConfigurableApplicationContext start(String database) {
        // Command-line arguments, so they win over application.yml (builder properties would not).
        return new SpringApplicationBuilder(CallboardApplication.class).run(
                "--callboard.database.url=" + database,
                "--server.port=0",
                "--callboard.database.pool-size=4",
                "--callboard.demo.enabled=false",
                "--callboard.calls.ring-timeout=4s",
                "--callboard.calls.sweep-interval=100ms");
    }
}
