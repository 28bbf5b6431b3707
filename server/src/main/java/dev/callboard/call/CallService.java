package dev.callboard.call;

import dev.callboard.error.DomainException;
import dev.callboard.identity.CurrentUser;
import dev.callboard.presence.CallPresence;
import org.springframework.stereotype.Service;

import java.util.Optional;
import java.util.UUID;

/**
 * Moves existing calls: answer, decline, cancel, hang up. Each move is one conditional update, so
 * when two moves race (two devices answering, cancel against answer) one wins and the other
 * gets 409 {@code invalid_transition}. Only the two parties may move a call; an admin may read
 * any call but not move it; anyone else is told it does not exist.
 */
@Service
public class CallService {
    private static final int HANGUP_ATTEMPTS = 3;

    private final CallStore store;
    private final CallPresence presence;
    private final CallEvents events;

    public CallService(CallStore store, CallPresence presence, CallEvents events) {
        this.store = store;
        this.presence = presence;
        this.events = events;
    }

    public Call get(CurrentUser user, UUID callId) {
        return store.calls().find(callId)
                .filter(c -> c.isParty(user.id()) || user.isAdmin())
                .orElseThrow(CallService::notFound);
    }

    public Call answer(CurrentUser user, UUID callId, String deviceId) {
        Call call = partyCall(user, callId);
        if (!call.calleeId().equals(user.id())) throw illegal("only the callee can answer");
        if (deviceId == null || deviceId.isBlank()) throw DomainException.invalid("deviceId is required");
        if (!presence.liveDevices(user.id()).contains(deviceId)) {
            throw DomainException.invalid("deviceId is not one of your connected devices");
        }
        Call answered = store.calls().answer(callId, deviceId, store.now())
                .orElseThrow(() -> invalid(callId, CallStatus.ANSWERED));
        events.answered(answered);
        return answered;
    }

    public Call decline(CurrentUser user, UUID callId, String reason) {
        Call call = partyCall(user, callId);
        if (!call.calleeId().equals(user.id())) throw illegal("only the callee can decline; the caller cancels");
        return finish(call, CallStatus.RINGING, CallStatus.DECLINED, HangupReason.fromClient(reason));
    }

    public Call cancel(CurrentUser user, UUID callId, String reason) {
        Call call = partyCall(user, callId);
        if (!call.callerId().equals(user.id())) throw illegal("only the caller can cancel; the callee declines");
        return finish(call, CallStatus.RINGING, CallStatus.CANCELLED, HangupReason.fromClient(reason));
    }

    /**
     * "Stop this call", whatever state it is in: a ringing call is cancelled (caller) or declined
     * (callee), an answered one ended; a media failure reason makes it {@code failed}. If the call
     * moves while we try (say it is answered as the caller hangs up), the new state is hung up too.
     */
    public Call hangup(CurrentUser user, UUID callId, String reason) {
        HangupReason why = HangupReason.fromClient(reason);
        Call call = partyCall(user, callId);
        for (int attempt = 1; ; attempt++) {
            CallStatus target = hangupTarget(call, user.id(), why);
            Optional<Call> done = tryFinish(call, call.status(), target, why);
            if (done.isPresent() || attempt == HANGUP_ATTEMPTS) {
                return done.orElseThrow(() -> invalid(callId, target));
            }
            call = partyCall(user, callId);
        }
    }

    /**
     * Ends every ringing or answered call the user takes part in, as if he had hung up: for a user
     * who is deactivated. A call that moves meanwhile (its other party hangs up first) is left as it is.
     */
    public void endAllOf(CurrentUser user) {
        for (Call call : store.calls().active(user.id())) {
            try {
                hangup(user, call.id(), null);
            } catch (DomainException.Conflict alreadyEnded) {
                // ended by someone else in the meantime
            }
        }
    }

    private static CallStatus hangupTarget(Call call, UUID userId, HangupReason why) {
        if (why.isFailure()) return CallStatus.FAILED;
        return switch (call.status()) {
            case RINGING -> call.callerId().equals(userId) ? CallStatus.CANCELLED : CallStatus.DECLINED;
            case ANSWERED -> CallStatus.ENDED;
            default -> throw CallStatus.invalid(call.status(), CallStatus.ENDED);
        };
    }

    private Call finish(Call call, CallStatus from, CallStatus to, HangupReason reason) {
        return tryFinish(call, from, to, reason).orElseThrow(() -> invalid(call.id(), to));
    }

    private Optional<Call> tryFinish(Call call, CallStatus from, CallStatus to, HangupReason reason) {
        if (!from.canMoveTo(to)) throw CallStatus.invalid(call.status(), to);
        record Finished(Call call, UUID missedCallId) {}
        Optional<Finished> finished = store.inTransaction(() -> store.calls()
                .finish(call.id(), from, to, reason, store.now())
                .map(c -> new Finished(c, to == CallStatus.CANCELLED
                        ? store.missedCalls().record(c, HangupReason.USER_HANGUP) : null)));
        finished.ifPresent(f -> events.finished(f.call(), f.missedCallId()));
        return finished.map(Finished::call);
    }

    /** A call the user takes part in; admins reading someone else's call may not move it. */
    private Call partyCall(CurrentUser user, UUID callId) {
        Call call = store.calls().find(callId).orElseThrow(CallService::notFound);
        if (call.isParty(user.id())) return call;
        if (user.isAdmin()) throw DomainException.forbidden("only the parties of a call can change it");
        throw notFound();
    }

    private DomainException invalid(UUID callId, CallStatus target) {
        CallStatus now = store.calls().find(callId).map(Call::status).orElse(CallStatus.ENDED);
        return CallStatus.invalid(now, target);
    }

    private static DomainException illegal(String message) {
        return DomainException.conflict("invalid_transition", message);
    }

    static DomainException notFound() {
        return DomainException.notFound("call");
    }
}
