package dev.callboard.auth;

import dev.callboard.directory.NewUser;
import dev.callboard.directory.UserAdministration;
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

    private final AuthProperties properties;
    private final UserAdministration administration;

    public FirstAdminBootstrap(AuthProperties properties, UserAdministration administration) {
        this.properties = properties;
        this.administration = administration;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!properties.firstAdminConfigured()) {
            if (isSet(properties.adminEmail()) != isSet(properties.adminPassword())) {
                log.warn("Set both CALLBOARD_ADMIN_EMAIL and CALLBOARD_ADMIN_PASSWORD to create the first admin; "
                        + "only one is set, so no admin is created");
            }
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
