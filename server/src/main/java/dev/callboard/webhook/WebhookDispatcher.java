package dev.callboard.webhook;

import dev.callboard.db.BackgroundFailures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sends the outbox's events, at least once, from any node. Each round: (1) new events become one
 * delivery per enabled endpoint that wants them (one node at a time, so deliveries keep the events'
 * order); (2) due deliveries are leased (a node that dies mid-send leaves them to another after the
 * lease) and posted, signed, in parallel across subjects but in order per endpoint and subject (a
 * call's {@code ringing} before its {@code answered}: a later event waits while an earlier one is
 * retried); (3) a 2xx marks a delivery delivered, anything else retries after the next wait of
 * {@link WebhookProperties#retries()}, then gives up ({@code failed}; the admin may replay it).
 */
@Component
public class WebhookDispatcher implements DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);
    private static final long FAN_OUT_LOCK = 0x77656268L; // "webh"
    static final int BATCH = 50;
    static final int MAX_ROUNDS = 20;
    static final int MAX_ERROR_LENGTH = 300;

    private final BackgroundFailures failures = new BackgroundFailures(log, "Sending webhooks");
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final WebhookProperties properties;
    private final HttpClient http;
    private final ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();
    private final ExecutorService rounds = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("webhooks").factory());
    private final AtomicBoolean running = new AtomicBoolean();

    private record Due(long eventId, UUID endpointId, int attempts, String url, String secret, String type,
                       String payload, Instant createdAt) {}

    public WebhookDispatcher(JdbcClient jdbc, TransactionTemplate tx, Clock clock, WebhookProperties properties) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
        this.properties = properties;
        this.http = HttpClient.newBuilder().connectTimeout(properties.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * Hands the round to the dispatcher's own thread: the scheduler's thread is shared with the ring
     * timeouts and the session sweeps, which a slow receiver must never hold up. A round still
     * running when the next is due is not doubled.
     */
    @Scheduled(fixedDelayString = "${callboard.webhooks.poll-interval:PT1S}")
    public void scheduled() {
        if (!running.compareAndSet(false, true)) return;
        rounds.execute(() -> {
            try {
                run();
                failures.succeeded();
            } catch (RuntimeException e) {
                failures.failed(e);
            } finally {
                running.set(false);
            }
        });
    }

    /** One round: fan out, then send until nothing is due (bounded). Returns how many were sent. */
    public int run() {
        fanOut();
        int sent = 0;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            List<Due> due = lease();
            if (due.isEmpty()) break;
            List<Callable<Void>> sends = due.stream().<Callable<Void>>map(d -> () -> {
                send(d);
                return null;
            }).toList();
            try {
                for (Future<Void> f : senders.invokeAll(sends)) f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break; // shutting down: the leases run out, another round sends them
            } catch (ExecutionException e) {
                throw new IllegalStateException("a webhook send failed unexpectedly", e.getCause());
            }
            sent += due.size();
        }
        return sent;
    }

    private void fanOut() {
        OffsetDateTime now = utc(clock.instant());
        tx.executeWithoutResult(status -> {
            jdbc.sql("SELECT pg_advisory_xact_lock(" + FAN_OUT_LOCK + ")").query((rs, i) -> 1).list();
            jdbc.sql("WITH ev AS (SELECT id, subject_id, event_type FROM webhook_outbox WHERE fanned_out_at IS NULL "
                            + "    ORDER BY id LIMIT 1000), "
                            + "d AS (INSERT INTO webhook_deliveries (event_id, endpoint_id, subject_id, next_attempt_at) "
                            + "    SELECT ev.id, e.id, ev.subject_id, ? FROM ev JOIN webhook_endpoints e ON e.enabled "
                            + "    AND (e.event_types IS NULL OR ev.event_type = ANY(e.event_types)) ON CONFLICT DO NOTHING) "
                            + "UPDATE webhook_outbox o SET fanned_out_at = ? FROM ev WHERE o.id = ev.id")
                    .params(now, now).update();
        });
    }

    /** Due deliveries, the first pending one of each endpoint and subject only, leased for one timeout and a half. */
    private List<Due> lease() {
        Instant now = clock.instant();
        OffsetDateTime leaseEnds = utc(now.plus(properties.timeout().multipliedBy(3).dividedBy(2)));
        return jdbc.sql("WITH due AS (SELECT d.event_id, d.endpoint_id FROM webhook_deliveries d "
                        + "    WHERE d.state = 'pending' AND d.next_attempt_at <= ? AND NOT EXISTS ("
                        + "        SELECT 1 FROM webhook_deliveries e WHERE e.endpoint_id = d.endpoint_id "
                        + "        AND e.subject_id = d.subject_id AND e.state = 'pending' AND e.event_id < d.event_id) "
                        + "    ORDER BY d.event_id LIMIT " + BATCH + " FOR UPDATE OF d SKIP LOCKED) "
                        + "UPDATE webhook_deliveries w SET attempts = w.attempts + 1, next_attempt_at = ? "
                        + "FROM due, webhook_outbox o, webhook_endpoints ep "
                        + "WHERE w.event_id = due.event_id AND w.endpoint_id = due.endpoint_id "
                        + "  AND o.id = due.event_id AND ep.id = due.endpoint_id AND ep.enabled "
                        + "RETURNING w.event_id, w.endpoint_id, w.attempts, ep.url, ep.secret, o.event_type, "
                        + "  o.payload::text AS payload, o.created_at")
                .params(utc(now), leaseEnds)
                .query((rs, i) -> new Due(rs.getLong("event_id"), rs.getObject("endpoint_id", UUID.class),
                        rs.getInt("attempts"), rs.getString("url"), rs.getString("secret"), rs.getString("event_type"),
                        rs.getString("payload"), rs.getObject("created_at", OffsetDateTime.class).toInstant()))
                .list();
    }

    private void send(Due due) {
        String id = "msg_" + due.eventId();
        long timestamp = clock.instant().getEpochSecond();
        String body = "{\"type\":\"" + due.type() + "\",\"timestamp\":\"" + due.createdAt() + "\",\"data\":" + due.payload() + "}";
        Integer status = null;
        String error = null;
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(due.url()))
                    .timeout(properties.timeout())
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "Callboard-Webhooks/1")
                    .header("webhook-id", id)
                    .header("webhook-timestamp", Long.toString(timestamp))
                    .header("webhook-signature", WebhookSignature.sign(due.secret(), id, timestamp, body))
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
            // the whole exchange, connect to last byte, within the timeout (so within the lease)
            status = http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                    .orTimeout(properties.timeout().toMillis(), TimeUnit.MILLISECONDS)
                    .get().statusCode();
            if (status < 200 || status > 299) error = "HTTP " + status;
        } catch (ExecutionException e) {
            Throwable why = e.getCause();
            error = why instanceof TimeoutException || why instanceof HttpTimeoutException
                    ? "timed out after " + properties.timeout().toMillis() + " ms"
                    : why.getClass().getSimpleName() + (why.getMessage() == null ? "" : ": " + why.getMessage());
        } catch (IllegalArgumentException e) {
            error = "IllegalArgumentException: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return; // the lease runs out; another round sends it
        }
        record(due, status, error);
    }

    /**
     * Records the answer, fenced by the attempt number: if this send outlived its lease and another
     * node took the delivery over, its newer attempt stands and this one changes nothing.
     */
    private void record(Due due, Integer status, String error) {
        Instant now = clock.instant();
        if (error == null) {
            jdbc.sql("UPDATE webhook_deliveries SET state = 'delivered', delivered_at = ?, last_status = ?, last_error = NULL "
                            + "WHERE event_id = ? AND endpoint_id = ? AND attempts = ?")
                    .params(utc(now), status, due.eventId(), due.endpointId(), due.attempts()).update();
            return;
        }
        List<Duration> waits = properties.retries();
        boolean givingUp = due.attempts() > waits.size();
        String why = error.length() > MAX_ERROR_LENGTH ? error.substring(0, MAX_ERROR_LENGTH) : error;
        jdbc.sql("UPDATE webhook_deliveries SET state = ?, next_attempt_at = ?, last_status = ?, last_error = ? "
                        + "WHERE event_id = ? AND endpoint_id = ? AND attempts = ? AND state = 'pending'")
                .params(givingUp ? "failed" : "pending",
                        utc(givingUp ? now : now.plus(waits.get(due.attempts() - 1))), status, why,
                        due.eventId(), due.endpointId(), due.attempts())
                .update();
        if (givingUp) log.warn("Webhook {} to {} failed after {} attempts: {}", due.type(), due.url(), due.attempts(), why);
    }

    /** Delivered and failed deliveries, and events every endpoint is done with, are kept for the retention period. */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT1M")
    public void cleanUp() {
        try {
            OffsetDateTime before = utc(clock.instant().minus(properties.retention()));
            jdbc.sql("DELETE FROM webhook_outbox o WHERE o.created_at < ? AND o.fanned_out_at IS NOT NULL "
                            + "AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.event_id = o.id AND d.state = 'pending')")
                    .param(before).update();
        } catch (RuntimeException e) {
            failures.failed(e);
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    @Override
    public void destroy() {
        rounds.shutdownNow();
        senders.shutdownNow();
    }
}
