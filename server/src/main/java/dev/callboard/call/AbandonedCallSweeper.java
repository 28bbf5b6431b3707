package dev.callboard.call;

import dev.callboard.presence.CallPresence;
import dev.callboard.db.BackgroundFailures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fails answered calls that nobody can hang up any more: the answering device, or the caller's
 * call device, has been gone for {@code callboard.calls.abandon-after}. Without this a crashed tab
 * or node would leave both people "in a call" for good. The grace period lets a device whose
 * signalling socket blipped (while media kept flowing peer to peer) come back first.
 * How long a device has been gone is kept in memory; after a restart the clock starts again,
 * which only delays the end.
 */
@Component
public class AbandonedCallSweeper {
    private static final Logger log = LoggerFactory.getLogger(AbandonedCallSweeper.class);
    private final BackgroundFailures failures = new BackgroundFailures(log, "The abandoned-call sweep");
    static final int LIMIT = 1000;

    private final CallStore store;
    private final CallPresence presence;
    private final CallEvents events;
    private final Duration abandonAfter;
    private final Map<UUID, Instant> goneSince = new ConcurrentHashMap<>();

    public AbandonedCallSweeper(CallStore store, CallPresence presence, CallEvents events, CallProperties properties) {
        this.store = store;
        this.presence = presence;
        this.events = events;
        this.abandonAfter = properties.abandonAfter();
    }

    /** @return how many calls were failed */
    public synchronized int sweep() {
        if (!presence.knowsEveryDevice()) {
            // Cut off from the other nodes: their devices look gone. Judge nothing; start the grace period again later.
            goneSince.clear();
            return 0;
        }
        Instant now = store.now();
        Set<UUID> answered = new HashSet<>();
        int failed = 0;
        for (Call call : store.calls().answered(LIMIT)) {
            answered.add(call.id());
            if (bothPresent(call)) {
                goneSince.remove(call.id());
                continue;
            }
            Instant since = goneSince.computeIfAbsent(call.id(), id -> now);
            if (Duration.between(since, now).compareTo(abandonAfter) < 0) continue;
            goneSince.remove(call.id());
            // Conditional like every move: a hang-up that got there first wins and this does nothing.
            var done = store.calls().finish(call.id(), CallStatus.ANSWERED, CallStatus.FAILED,
                    HangupReason.CONNECTION_LOST, now);
            if (done.isPresent()) {
                events.finished(done.get(), null);
                failed++;
            }
        }
        goneSince.keySet().retainAll(answered);
        return failed;
    }

    public void sweepQuietly() {
        try {
            int n = sweep();
            if (n > 0) log.info("{} answered call(s) ended: a party's device is gone", n);
            failures.succeeded();
        } catch (RuntimeException e) {
            failures.failed(e);
        }
    }

    private boolean bothPresent(Call call) {
        if (!presence.liveDevices(call.calleeId()).contains(call.answeredDeviceId())) return false;
        Set<String> callerDevices = presence.liveDevices(call.callerId());
        return call.callerDeviceId() == null ? !callerDevices.isEmpty() : callerDevices.contains(call.callerDeviceId());
    }
}
