package dev.callboard.auth;

import dev.callboard.db.DatabaseProperties;
import dev.callboard.directory.UserAdministration;
import dev.callboard.directory.UserRepository;
import dev.callboard.identity.Role;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@TestPropertySource(properties = {
        "callboard.auth.admin-email=Boss@Example.com",
        "callboard.auth.admin-password=first-admin-pass"})
class FirstAdminIT extends AuthIntegrationTest {
    @Autowired
    FirstAdminBootstrap bootstrap;
    @Autowired
    UserAdministration administration;
    @Autowired
    DemoProperties demo;
    @Autowired
    DatabaseProperties database;

    @Test
    void configuredAdminIsCreatedAtStartUpAndCanLogIn() {
        UserRepository.Credentials admin = users.findCredentials("boss@example.com").orElseThrow();
        assertThat(admin.user().role()).isEqualTo(Role.ADMIN);
        assertThat(admin.user().displayName()).isEqualTo("Administrator");
        assertThat(admin.passwordHash()).startsWith("$argon2id$");
        assertThat(login("boss@example.com", "first-admin-pass")).isNotBlank();
    }

    @Test
    void anExistingAdminIsNeverTouched() {
        long before = userCount();
        bootstrap.run(null); // a restart with the same settings
        new FirstAdminBootstrap(properties("BOSS@example.com", "a-different-password"), administration, users, demo, database).run(null);

        assertThat(userCount()).isEqualTo(before);
        assertThat(login("boss@example.com", "first-admin-pass")).isNotBlank();
        http().post().uri("/api/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", "boss@example.com", "password", "a-different-password"))
                .exchange().expectStatus().isUnauthorized();
    }

    @Test
    void aWeakConfiguredPasswordStopsTheStartUp() {
        var weak = new FirstAdminBootstrap(properties("weak@example.com", "short"), administration, users, demo, database);
        assertThatThrownBy(() -> weak.run(null)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("CALLBOARD_ADMIN_PASSWORD").hasMessageContaining("at least 8");
        assertThat(users.findCredentials("weak@example.com")).isEmpty();
    }

    @Test
    void halfConfiguredCreatesNobody() {
        long before = userCount();
        new FirstAdminBootstrap(properties("half@example.com", ""), administration, users, demo, database).run(null);
        new FirstAdminBootstrap(properties("", "half-configured"), administration, users, demo, database).run(null);
        assertThat(userCount()).isEqualTo(before);
    }

    private static AuthProperties properties(String email, String password) {
        return new AuthProperties(null, null, 0, 0, email, password);
    }
}
