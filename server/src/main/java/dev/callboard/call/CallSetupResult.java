package dev.callboard.call;

import java.util.UUID;

/**
 * What starting a call did, for the request's answer and for the events that follow it.
 *
 * @param call         the call the request is answered with
 * @param replayed     an earlier request with the same Idempotency-Key made it; nothing new happened
 * @param replaced     the ringing call this one beat in a glare (now cancelled), if any
 * @param missedCallId the missed-call record created with the call, if any
 */
public record CallSetupResult(Call call, boolean replayed, Call replaced, UUID missedCallId) {
    static CallSetupResult replay(Call call) {
        return new CallSetupResult(call, true, null, null);
    }
}
