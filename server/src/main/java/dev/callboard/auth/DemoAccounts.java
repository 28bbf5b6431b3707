package dev.callboard.auth;

import dev.callboard.db.DatabaseProperties;
import dev.callboard.directory.NewUser;
import dev.callboard.directory.UserAdministration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.nio.file.Path;
import java.util.List;

/**
 * Demo mode: makes sure one admin and three clients exist (creating only the missing ones, never
 * resetting a password) and prints their logins at every start-up, so a newcomer can try calling at
 * once. On by default only with the embedded database (a laptop); see {@link DemoProperties}.
 */
@Component
@Order(2)
public class DemoAccounts implements ApplicationRunner {
    private static final Logger log = LoggerFactory.getLogger(DemoAccounts.class);

    record Account(String email, String displayName, String role) {}

    static final List<Account> ACCOUNTS = List.of(
            new Account("admin@callboard.local", "Ada Admin", "admin"),
            new Account("alice@callboard.local", "Alice", "client"),
            new Account("bob@callboard.local", "Bob", "client"),
            new Account("carol@callboard.local", "Carol", "client"));

    private final DemoProperties demo;
    private final DatabaseProperties database;
    private final UserAdministration administration;

    public DemoAccounts(DemoProperties demo, DatabaseProperties database, UserAdministration administration) {
        this.demo = demo;
        this.database = database;
        this.administration = administration;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!demo.effectivelyEnabled(database)) return;
        int created = 0;
        for (Account a : ACCOUNTS) {
            NewUser user = new NewUser(a.email(), a.displayName(), a.role(), demo.password(), null);
            if (administration.createIfMissing(user).isPresent()) created++;
        }
        log.info(banner(created));
    }

    private String banner(int created) {
        StringBuilder b = new StringBuilder("\n")
                .append("==================== Callboard demo mode ====================\n")
                .append(created > 0 ? "Created " + created + " demo account(s). " : "Demo accounts already exist. ")
                .append("Log in with any of:\n");
        for (Account a : ACCOUNTS) {
            b.append(String.format("  %-7s %-24s password: %s%n", a.role(), a.email(), demo.password()));
        }
        if (database.embedded()) {
            b.append("Data: ").append(Path.of(database.embeddedDir()).toAbsolutePath().normalize())
                    .append(" (relative to where Callboard was started: start it elsewhere and it has another database)\n");
        }
        return b.append("Listening on 127.0.0.1 only unless SERVER_ADDRESS is set (the demo password is public).\n")
                .append("Passwords of existing accounts are never reset; a changed CALLBOARD_DEMO_PASSWORD\n")
                .append("applies to newly created demo accounts only. Do not expose a demo server to a\n")
                .append("network: turn demo mode off with CALLBOARD_DEMO=false.\n")
                .append("=============================================================")
                .toString();
    }
}
