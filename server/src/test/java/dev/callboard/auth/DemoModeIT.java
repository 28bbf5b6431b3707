package dev.callboard.auth;

import dev.callboard.CallboardApplication;
import dev.callboard.directory.User;
import dev.callboard.identity.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.test.context.TestPropertySource;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

@TestPropertySource(properties = "callboard.demo.enabled=true")
@ExtendWith(OutputCaptureExtension.class)
class DemoModeIT extends AuthIntegrationTest {
    static final List<String> DEMO_EMAILS = List.of(
            "admin@callboard.local", "alice@callboard.local", "bob@callboard.local", "carol@callboard.local");

    @Autowired
    Environment environment;

    @Test
    void demoUsersExistAndCanLogInWithTheDefaultPassword() {
        Map<String, User> demo = demoUsers();
        assertThat(demo).containsOnlyKeys(DEMO_EMAILS);
        assertThat(demo.get("admin@callboard.local").role()).isEqualTo(Role.ADMIN);
        assertThat(demo.values().stream().filter(u -> u.role() == Role.CLIENT)).hasSize(3);
        for (String email : DEMO_EMAILS) {
            assertThat(login(email, DemoProperties.DEFAULT_PASSWORD)).isNotBlank();
        }
    }

    @Test
    void aRestartCreatesNothingAndPrintsTheLoginsAgain(CapturedOutput output) {
        Map<UUID, User> before = byId();
        String url = environment.getProperty("callboard.database.url");
        assertThat(url).startsWith("jdbc:postgresql:");
        // command-line arguments, because builder properties are only defaults that application.yml overrides
        try (ConfigurableApplicationContext restarted = new SpringApplicationBuilder(CallboardApplication.class)
                .run("--server.port=0", "--callboard.database.url=" + url, "--callboard.demo.enabled=true",
                        "--callboard.demo.password=ignored-for-existing-accounts")) {
            assertThat(restarted.isRunning()).isTrue();
        }
        assertThat(byId()).isEqualTo(before);
        assertThat(login("alice@callboard.local", DemoProperties.DEFAULT_PASSWORD)).isNotBlank();
        assertThat(output.getOut())
                .contains("Callboard demo mode", "Demo accounts already exist")
                .contains(DEMO_EMAILS);
    }

    private Map<String, User> demoUsers() {
        return users.findAll().stream().filter(u -> DEMO_EMAILS.contains(u.email()))
                .collect(Collectors.toMap(User::email, Function.identity()));
    }

    private Map<UUID, User> byId() {
        return users.findAll().stream().collect(Collectors.toMap(User::id, Function.identity()));
    }
}
