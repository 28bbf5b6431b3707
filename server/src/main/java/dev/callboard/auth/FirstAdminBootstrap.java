package dev.callboard.auth;

import dev.callboard.db.DatabaseProperties;
import dev.callboard.directory.NewUser;
import dev.callboard.directory.UserAdministration;
import dev.callboard.directory.UserRepository;
import dev.callboard.error.DomainException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Creates the first admin from {@code CALLBOARD_ADMIN_EMAIL} / {@code CALLBOARD_ADMIN_PASSWORD} at
 * start-up if no user with that email exists. An existing account is never touched (its password is
 * not reset), so the variables can stay set. A password that breaks the rules stops the start-up.
 */
@Component
@Order(1)
public class FirstAdminBootstrap implements ApplicationRunner {
    private static final Logger log = LoggerFactory.getLogger(FirstAdminBootstrap.class);
    static final String DISPLAY_NAME = "Administrator";
    static final String NO_ADMIN = """

            ==================== Callboard has no admin ====================
            Nobody can sign in to manage users. Restart with both of
              CALLBOARD_ADMIN_EMAIL=you@example.com
              CALLBOARD_ADMIN_PASSWORD=<8+ characters, not a common password>
            set to create the first admin (an existing account is never changed).
            ================================================================""";

    private final AuthProperties properties;
    private final UserAdministration administration;
    private final UserRepository users;
    private final DemoProperties demo;
    private final DatabaseProperties database;

    public FirstAdminBootstrap(AuthProperties properties, UserAdministration administration, UserRepository users,
                               DemoProperties demo, DatabaseProperties database) {
        this.properties = properties;
        this.administration = administration;
        this.users = users;
        this.demo = demo;
        this.database = database;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!properties.firstAdminConfigured()) {
            if (isSet(properties.adminEmail()) != isSet(properties.adminPassword())) {
                log.warn("Set both CALLBOARD_ADMIN_EMAIL and CALLBOARD_ADMIN_PASSWORD to create the first admin; "
                        + "only one is set, so no admin is created");
            }
            if (!demo.effectivelyEnabled(database) && users.countAdmins() == 0) log.warn(NO_ADMIN);
            return;
        }
        NewUser admin = new NewUser(properties.adminEmail(), DISPLAY_NAME, "admin", properties.adminPassword(), null);
        try {
            administration.createIfMissing(admin).ifPresentOrElse(
                    u -> log.info("Created the first admin {} from CALLBOARD_ADMIN_EMAIL", u.email()),
                    () -> log.info("Admin {} already exists; CALLBOARD_ADMIN_PASSWORD is ignored", properties.adminEmail()));
        } catch (DomainException e) {
            throw new IllegalStateException("Cannot create the first admin from CALLBOARD_ADMIN_EMAIL / "
                    + "CALLBOARD_ADMIN_PASSWORD: " + e.getMessage(), e);
        }
    }

    private static boolean isSet(String s) {
        return s != null && !s.isBlank();
    }
}
