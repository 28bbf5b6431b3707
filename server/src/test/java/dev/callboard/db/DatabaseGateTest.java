package dev.callboard.db;

import dev.callboard.support.MutableClock;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.TransactionSystemException;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatabaseGateTest {
    /** Its own threads: the common pool may have a single worker, which would run the two sides in turn. */
    private static final ExecutorService THREADS = Executors.newVirtualThreadPerTaskExecutor();
    final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T10:00:00Z"));
    final DatabaseGate gate = new DatabaseGate(1, clock);

    @Test
    void workBeyondThePermitsWaitsItsTurnInsteadOfFailing() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch letGo = new CountDownLatch(1);
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> gate.through(() -> {
            inside.countDown();
            await(letGo);
            return "first";
        }), THREADS);
        assertThat(inside.await(5, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<String> second = CompletableFuture.supplyAsync(() -> gate.through(() -> "second"), THREADS);

        clock.advance(Duration.ofSeconds(30)); // no deadline for waiting while the database answers
        assertThat(second).isNotDone();
        letGo.countDown();
        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("first");
        assertThat(second.get(5, TimeUnit.SECONDS)).isEqualTo("second");
    }

    @RepeatedTest(50) // the waiter may be anywhere in its wait when the failure lands
    void onceTheDatabaseDidNotAnswerWaitingAndNewWorkFailAtOnceForASecond() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch fail = new CountDownLatch(1);
        CompletableFuture<Object> hung = CompletableFuture.supplyAsync(() -> gate.through(() -> {
            inside.countDown();
            await(fail);
            throw new CannotGetJdbcConnectionException("pool wait timed out");
        }), THREADS);
        assertThat(inside.await(5, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<String> waiting = CompletableFuture.supplyAsync(() -> gate.through(() -> "never run"), THREADS);
        fail.countDown();

        assertThat(hung).failsWithin(Duration.ofSeconds(5));
        assertThat(waiting).failsWithin(Duration.ofSeconds(5)).withThrowableThat()
                .havingRootCause().isInstanceOf(CannotGetJdbcConnectionException.class);
        assertThatThrownBy(() -> gate.through(() -> "arriving")).isInstanceOf(CannotGetJdbcConnectionException.class);

        clock.advance(Duration.ofMillis(1_001));
        assertThat(gate.through(() -> "after a second, tried again")).isEqualTo("after a second, tried again");
    }

    @Test
    void aClientMistakeDoesNotCloseTheGate() {
        assertThatThrownBy(() -> gate.through(() -> {
            throw new IllegalArgumentException("bad input");
        })).isInstanceOf(IllegalArgumentException.class);
        assertThat(gate.through(() -> "next")).isEqualTo("next");
    }

    @Test
    void aLostConnectionCountsAsAnOutageEvenBehindAFailedRollback() {
        TransactionSystemException rollbackFailed = new TransactionSystemException("JDBC rollback failed",
                new SQLException("Connection is closed", "08003"));
        assertThat(DatabaseGate.isUnavailable(rollbackFailed)).isTrue();
        TransactionSystemException hidingATimeout = new TransactionSystemException("JDBC rollback failed");
        hidingATimeout.initApplicationException(new QueryTimeoutException("statement timed out"));
        assertThat(DatabaseGate.isUnavailable(hidingATimeout)).isTrue();
        assertThat(DatabaseGate.isUnavailable(new DataIntegrityViolationException("duplicate key"))).isFalse();
        assertThat(DatabaseGate.isUnavailable(new IllegalStateException("a bug"))).isFalse();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
