package dev.callboard.directory;

import dev.callboard.error.DomainException;
import dev.callboard.identity.CurrentUser;
import dev.callboard.identity.Role;
import dev.callboard.support.Migrated;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Callboard always keeps an active admin, also when two admins demote each other at the same moment. */
class LastAdminIT {
    private static final int ROUNDS = 40;
    /** Its own threads: the common pool has a single worker on a 2-core machine, which would run the two sides one after the other. */
    private static final ExecutorService THREADS = Executors.newVirtualThreadPerTaskExecutor();

    @Test
    void theLastActiveAdminCanBeNeitherDemotedNorDeactivated() {
        try (Migrated db = new Migrated()) {
            UserRepository users = new UserRepository(db.jdbc);
            UserAdministration admin = administration(db, users);
            User only = users.create("only@admin.test", "Only", Role.ADMIN, null, "unused");
            CurrentUser self = new CurrentUser(only.id(), Role.ADMIN);

            for (String change : new String[]{"client", null}) {
                UserChange request = change == null ? new UserChange(null, null, null, null, false) : new UserChange(null, null, null, change, null);
                assertThatThrownBy(() -> admin.change(self, only.id().toString(), request))
                        .isInstanceOfSatisfying(DomainException.Conflict.class, e -> assertThat(e.code()).isEqualTo("last_admin"));
            }
            assertThat(users.findById(only.id()).orElseThrow()).matches(u -> u.role() == Role.ADMIN && u.active());
            assertThat(admin.change(self, only.id().toString(), new UserChange(null, "Still Only", null, null, null)).after().displayName())
                    .as("other changes are fine").isEqualTo("Still Only");
        }
    }

    @Test
    void twoAdminsDemotingEachOtherAtOnceLeaveOneAdmin() throws Exception {
        try (Migrated db = new Migrated()) {
            UserRepository users = new UserRepository(db.jdbc);
            UserAdministration admin = administration(db, users);
            for (int round = 0; round < ROUNDS; round++) {
                User ada = users.create("ada-" + round + "@admin.test", "Ada", Role.ADMIN, null, "unused");
                User bo = users.create("bo-" + round + "@admin.test", "Bo", Role.ADMIN, null, "unused");
                db.jdbc.sql("UPDATE users SET active = false WHERE role = 'admin' AND id NOT IN (?, ?)")
                        .params(ada.id(), bo.id()).update();
                CountDownLatch start = new CountDownLatch(1);
                CompletableFuture<Boolean> adaDemotesBo = demote(admin, start, ada, bo, round % 2 == 0);
                CompletableFuture<Boolean> boDemotesAda = demote(admin, start, bo, ada, round % 2 == 1);
                start.countDown();
                int done = (adaDemotesBo.get() ? 1 : 0) + (boDemotesAda.get() ? 1 : 0);
                assertThat(done).as("round %d: exactly one of the two demotions went through", round).isEqualTo(1);
                assertThat(users.countAdmins()).as("round %d", round).isEqualTo(1);
            }
        }
    }

    @Test
    void aDemotionInFlightMakesTheOtherWaitAndThenRefuse() throws Exception {
        try (Migrated db = new Migrated()) {
            UserRepository users = new UserRepository(db.jdbc);
            TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(db.dataSource));
            UserAdministration admin = new UserAdministration(users, new PasswordHasher(), tx);
            User ada = users.create("ada@inflight.test", "Ada", Role.ADMIN, null, "unused");
            User bo = users.create("bo@inflight.test", "Bo", Role.ADMIN, null, "unused");
            CountDownLatch updated = new CountDownLatch(1);
            CountDownLatch commit = new CountDownLatch(1);

            // Ada demotes Bo, the way UserAdministration does, and holds her transaction open.
            CompletableFuture<Void> adaDemotesBo = CompletableFuture.runAsync(() -> tx.executeWithoutResult(status -> {
                users.lockAdminChanges();
                users.update(bo.id(), new UserChange(null, null, null, "client", null).validated()).orElseThrow();
                updated.countDown();
                try {
                    commit.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }), THREADS);
            updated.await();
            CompletableFuture<UserAdministration.Changed> boDemotesAda = CompletableFuture.supplyAsync(() ->
                    admin.change(new CurrentUser(bo.id(), Role.ADMIN), ada.id().toString(), new UserChange(null, null, null, "client", null)), THREADS);
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> !boDemotesAda.isDone());
            commit.countDown();
            adaDemotesBo.get();

            assertThat(boDemotesAda).failsWithin(Duration.ofSeconds(5)).withThrowableThat()
                    .havingRootCause().isInstanceOfSatisfying(DomainException.Conflict.class, e -> assertThat(e.code()).isEqualTo("last_admin"));
            assertThat(users.countAdmins()).isEqualTo(1);
        }
    }

    /** @param deactivate deactivate instead of demoting */
    private static CompletableFuture<Boolean> demote(UserAdministration admin, CountDownLatch start, User actor, User target,
                                                     boolean deactivate) {
        UserChange change = deactivate ? new UserChange(null, null, null, null, false) : new UserChange(null, null, null, "client", null);
        return CompletableFuture.supplyAsync(() -> {
            try {
                start.await();
                admin.change(new CurrentUser(actor.id(), Role.ADMIN), target.id().toString(), change);
                return true;
            } catch (DomainException.Conflict lastAdmin) {
                return false;
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }, THREADS);
    }

    private static UserAdministration administration(Migrated db, UserRepository users) {
        return new UserAdministration(users, new PasswordHasher(), new TransactionTemplate(new DataSourceTransactionManager(db.dataSource)));
    }
}
