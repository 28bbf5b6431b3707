package dev.callboard.missedcall;

import dev.callboard.call.Call;
import dev.callboard.call.CallSetup;
import dev.callboard.call.PageCursor;
import dev.callboard.error.DomainException;
import dev.callboard.identity.CurrentUser;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/** The callee's side of missed calls: list, unseen count, mark seen, call back. Only one's own records. */
@Service
public class MissedCallService {
    public record Page(List<MissedCall> items, String nextCursor) {}

    public record Count(int count) {}

    private final MissedCallRepository repository;
    private final MissedCallNotifier notifier;
    private final CallSetup calls;
    private final Clock clock;

    public MissedCallService(MissedCallRepository repository, MissedCallNotifier notifier, CallSetup calls, Clock clock) {
        this.repository = repository;
        this.notifier = notifier;
        this.calls = calls;
        this.clock = clock;
    }

    public Page list(CurrentUser user, boolean unseenOnly, String cursor, Integer limit) {
        PageCursor after = PageCursor.decode(cursor);
        int size = PageCursor.limit(limit);
        List<MissedCall> rows = repository.list(user.id(), unseenOnly, after, size + 1);
        if (rows.size() <= size) return new Page(rows, null);
        List<MissedCall> items = List.copyOf(rows.subList(0, size));
        MissedCall last = items.getLast();
        return new Page(items, new PageCursor(last.attemptedAt(), last.id()).encode());
    }

    public Count unseenCount(CurrentUser user) {
        return new Count(repository.unseenCount(user.id()));
    }

    /** Marks one record seen; the new count goes to all of the user's devices so every badge agrees. */
    public Count markSeen(CurrentUser user, UUID id) {
        markOwnSeen(user, id);
        return new Count(notifier.countChanged(user.id()));
    }

    public Count markAllSeen(CurrentUser user) {
        repository.markAllSeen(user.id(), clock.instant().truncatedTo(ChronoUnit.MICROS));
        return new Count(notifier.countChanged(user.id()));
    }

    /**
     * Calls the original caller back with the same media, then marks the record seen. If the call
     * cannot be placed, the record stays unseen.
     */
    public Call callBack(CurrentUser user, UUID id, String idempotencyKey) {
        MissedCall missed = repository.find(id).filter(m -> m.calleeId().equals(user.id()))
                .orElseThrow(() -> DomainException.notFound("missed call"));
        Call call = calls.create(user, missed.callerId(), missed.media(), idempotencyKey).call();
        markSeen(user, id);
        return call;
    }

    private void markOwnSeen(CurrentUser user, UUID id) {
        if (!repository.markSeen(id, user.id(), clock.instant().truncatedTo(ChronoUnit.MICROS))) {
            throw DomainException.notFound("missed call");
        }
    }
}
