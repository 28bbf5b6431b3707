package dev.callboard.call;

import dev.callboard.directory.User;
import dev.callboard.directory.UserRepository;
import dev.callboard.directory.VisibilityPolicy;
import dev.callboard.error.DomainException;
import dev.callboard.identity.CurrentUser;
import dev.callboard.presence.CallPresence;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Starts calls: who may call whom, offline / DND / busy outcomes, idempotent retries and glare.
 * Set-up between two people is serialized by an advisory lock on the pair, and a unique index on
 * the pair's ringing call backs it up, so concurrent set-ups can never leave two ringing calls.
 */
@Service
public class CallSetup {
    private final CallStore store;
    private final UserRepository users;
    private final CallPresence presence;
    private final CallEvents events;
    private final CallProperties properties;
    private final CallStartLimiter limiter;

    public CallSetup(CallStore store, UserRepository users, CallPresence presence, CallEvents events,
                     CallProperties properties, CallStartLimiter limiter) {
        this.store = store;
        this.users = users;
        this.presence = presence;
        this.events = events;
        this.properties = properties;
        this.limiter = limiter;
    }

    public CallSetupResult create(CurrentUser caller, UUID calleeId, Media media, String idempotencyKey) {
        if (calleeId.equals(caller.id())) throw DomainException.invalid("you cannot call yourself");
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 255)) {
            throw DomainException.invalid("Idempotency-Key must be 1 to 255 characters");
        }
        User callee = users.findById(calleeId)
                .filter(User::active)
                .filter(u -> VisibilityPolicy.canSee(caller.id(), caller.role(), u.id(), u.role()))
                .orElseThrow(() -> DomainException.notFound("user"));
        // Presence may live in Redis: ask before taking the lock, not while holding it.
        HangupReason missedReason = new CallRules(properties.busyOnBusy())
                .missedWithoutRinging(presence.reachability(callee.id()), presence.isInCall(callee.id()));
        CallSetupResult result;
        try {
            result = store.inTransaction(() -> setUp(caller.id(), calleeId, media, idempotencyKey, missedReason));
        } catch (DuplicateKeyException e) {
            // Same key sent concurrently for a different callee: the other request's call is the answer.
            result = replay(caller.id(), idempotencyKey, calleeId, media).orElseThrow(
                    () -> DomainException.conflict("call_in_progress", "a call between you is already being set up"));
        }
        events.created(result);
        return result;
    }

    private Optional<CallSetupResult> replay(UUID callerId, String key, UUID calleeId, Media media) {
        if (key == null) return Optional.empty();
        Optional<Call> earlier = store.calls().findByIdempotencyKey(callerId, key);
        if (earlier.isPresent() && (!earlier.get().calleeId().equals(calleeId) || earlier.get().media() != media)) {
            throw DomainException.conflict("idempotency_key_reused", "this Idempotency-Key was used for a different call");
        }
        return earlier.map(CallSetupResult::replay);
    }

    private CallSetupResult setUp(UUID callerId, UUID calleeId, Media media, String key, HangupReason missedReason) {
        CallRepository calls = store.calls();
        calls.lockPair(callerId, calleeId);
        Optional<CallSetupResult> replay = replay(callerId, key, calleeId, media);
        if (replay.isPresent()) return replay.get();
        // Calling someone again while the first call still rings them is the same call.
        Optional<Call> sameDirection = calls.lockRinging(callerId, calleeId);
        if (sameDirection.isPresent()) return CallSetupResult.replay(sameDirection.get());
        // Only a call that is really new uses up the caller's allowance: a retry above did not.
        limiter.acquire(callerId);

        Instant now = store.now();
        UUID id = UUID.randomUUID();
        if (missedReason != null) {
            Call call = calls.insert(new CallRepository.NewCall(id, callerId, calleeId, media, CallStatus.MISSED,
                    missedReason, now, null, key, null));
            return new CallSetupResult(call, false, null, store.missedCalls().record(call, missedReason));
        }
        Optional<Call> opposite = calls.lockRinging(calleeId, callerId);
        if (opposite.isPresent() && lower(opposite.get().id(), id)) {
            // Glare, and the call already ringing has the lower id: it survives, this one is born lost.
            Call lost = calls.insert(new CallRepository.NewCall(id, callerId, calleeId, media, CallStatus.CANCELLED,
                    HangupReason.GLARE, now, null, key, opposite.get().id()));
            return new CallSetupResult(lost, false, null, null);
        }
        Call replaced = opposite.flatMap(o -> calls.replace(o.id(), id, now)).orElse(null);
        Call call = calls.insert(new CallRepository.NewCall(id, callerId, calleeId, media, CallStatus.RINGING,
                null, now, now.plus(properties.ringTimeout()), key, null));
        return new CallSetupResult(call, false, replaced, null);
    }

    /** PostgreSQL's uuid order (unsigned, byte by byte), which is also the order of the canonical text. */
    static boolean lower(UUID a, UUID b) {
        int c = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        if (c == 0) c = Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
        return c < 0;
    }
}
