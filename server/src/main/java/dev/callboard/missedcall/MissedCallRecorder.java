package dev.callboard.missedcall;

import dev.callboard.call.Call;
import dev.callboard.call.HangupReason;
import dev.callboard.call.MissedCalls;
import org.springframework.stereotype.Component;

import java.util.UUID;

/** Missed calls as calling sees them: a record in the transition's transaction, the events after it. */
@Component
public class MissedCallRecorder implements MissedCalls {
    private final MissedCallRepository repository;
    private final MissedCallNotifier notifier;

    public MissedCallRecorder(MissedCallRepository repository, MissedCallNotifier notifier) {
        this.repository = repository;
        this.notifier = notifier;
    }

    @Override
    public UUID record(Call call, HangupReason reason) {
        return repository.insert(call, reason);
    }

    @Override
    public void announce(UUID missedCallId) {
        notifier.created(missedCallId);
    }
}
