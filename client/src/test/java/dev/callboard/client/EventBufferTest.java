package dev.callboard.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EventBufferTest {

    private static final Duration LONG = Duration.ofSeconds(30);

    private final EventBuffer buffer = new EventBuffer(4);

    private static Event.MissedCallsCount count(int n) {
        return new Event.MissedCallsCount(n);
    }

    private <T extends Event> CompletableFuture<T> awaitInBackground(Class<T> type, java.util.function.Predicate<? super T> p,
                                                                   Duration timeout) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                result.complete(buffer.await(type, p, timeout, 0));
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    @Test
    void findsAnEventThatArrivedBeforeTheCall() {
        buffer.add(count(1));
        buffer.add(new Event.Unknown("x", null));

        assertThat(buffer.await(Event.MissedCallsCount.class, e -> true, Duration.ZERO, 0)).isEqualTo(count(1));
    }

    @Test
    void returnsTheOldestMatchAndDoesNotConsumeIt() {
        buffer.add(count(1));
        buffer.add(count(2));
        buffer.add(count(3));

        assertThat(buffer.await(Event.MissedCallsCount.class, e -> e.count() > 1, Duration.ZERO, 0)).isEqualTo(count(2));
        assertThat(buffer.await(Event.MissedCallsCount.class, e -> e.count() > 1, Duration.ZERO, 0)).isEqualTo(count(2));
    }

    @Test
    void filtersByType() {
        buffer.add(new Event.Unknown("missed_calls.count", null));
        buffer.add(count(5));

        assertThat(buffer.await(Event.MissedCallsCount.class, e -> true, Duration.ZERO, 0)).isEqualTo(count(5));
        assertThat(buffer.await(Event.class, e -> true, Duration.ZERO, 0)).isInstanceOf(Event.Unknown.class);
    }

    @Test
    void waitsForAnEventThatArrivesLater() throws Exception {
        CompletableFuture<Event.MissedCallsCount> waiter = awaitInBackground(Event.MissedCallsCount.class,
                e -> e.count() == 7, LONG);

        buffer.add(count(6));
        buffer.add(count(7));

        assertThat(waiter.get(10, TimeUnit.SECONDS)).isEqualTo(count(7));
    }

    @Test
    void timesOutListingTheLatestEvents() {
        buffer.add(count(1));

        assertThatThrownBy(() -> buffer.await(Event.CallIncoming.class, e -> true, Duration.ofMillis(20), 0))
                .isInstanceOf(EventTimeoutException.class)
                .hasMessageContaining("No matching CallIncoming")
                .hasMessageContaining("MissedCallsCount[count=1]");
    }

    @Test
    void markSkipsEarlierEvents() {
        buffer.add(count(1));
        long mark = buffer.mark();
        buffer.add(count(2));

        assertThat(buffer.await(Event.MissedCallsCount.class, e -> true, Duration.ZERO, mark)).isEqualTo(count(2));
        assertThatThrownBy(() -> buffer.await(Event.MissedCallsCount.class, e -> e.count() == 1, Duration.ZERO, mark))
                .isInstanceOf(EventTimeoutException.class);
    }

    @Test
    void keepsOnlyTheMostRecentEvents() {
        for (int i = 1; i <= 6; i++) {
            buffer.add(count(i));
        }

        assertThat(buffer.snapshot()).containsExactly(count(3), count(4), count(5), count(6));
        assertThat(buffer.mark()).isEqualTo(6);
    }

    @Test
    void zeroCapacityKeepsNothingButStillCounts() {
        EventBuffer none = new EventBuffer(0);
        none.add(count(1));

        assertThat(none.snapshot()).isEmpty();
        assertThat(none.mark()).isEqualTo(1);
    }

    @Test
    void clearForgetsEverything() {
        buffer.add(count(1));
        buffer.clear();

        assertThat(buffer.snapshot()).isEmpty();
        assertThatThrownBy(() -> buffer.await(Event.MissedCallsCount.class, e -> true, Duration.ZERO, 0))
                .isInstanceOf(EventTimeoutException.class);
    }

    @Test
    void closingWakesWaitersAtOnce() {
        CompletableFuture<Event.CallIncoming> waiter = awaitInBackground(Event.CallIncoming.class, e -> true,
                Duration.ofMinutes(5));

        buffer.close("1008 rate limited");

        assertThatThrownBy(() -> waiter.get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(EventTimeoutException.class)
                .hasMessageContaining("the session is closed (1008 rate limited)");
    }

    @Test
    void afterCloseBufferedEventsCanStillBeFound() {
        buffer.add(count(9));
        buffer.close("1000 bye");

        assertThat(buffer.await(Event.MissedCallsCount.class, e -> true, LONG, 0)).isEqualTo(count(9));
    }

    @Test
    void interruptedWaiterStopsWithItsFlagSet() {
        Thread.currentThread().interrupt();

        assertThatThrownBy(() -> buffer.await(Event.CallIncoming.class, e -> true, LONG, 0))
                .isInstanceOf(EventTimeoutException.class)
                .hasMessageContaining("interrupted");
        assertThat(Thread.interrupted()).isTrue();
    }
}
