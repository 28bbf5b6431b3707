package dev.callboard.call;

import dev.callboard.identity.CurrentUser;
import dev.callboard.messaging.HelloContributor;
import org.springframework.stereotype.Component;

import java.util.Map;

/** {@code activeCalls} in {@code hello}: calls still ringing or answered, so a reconnecting device can resume or answer. */
@Component
public class ActiveCallsHelloContributor implements HelloContributor {
    private final CallRepository calls;

    public ActiveCallsHelloContributor(CallRepository calls) {
        this.calls = calls;
    }

    @Override
    public void contribute(CurrentUser user, Map<String, Object> hello) {
        hello.put("activeCalls", calls.active(user.id()));
    }
}
