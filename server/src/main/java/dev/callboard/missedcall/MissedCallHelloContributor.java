package dev.callboard.missedcall;

import dev.callboard.identity.CurrentUser;
import dev.callboard.messaging.HelloContributor;
import org.springframework.stereotype.Component;

import java.util.Map;

/** {@code unseenMissedCalls} in {@code hello}, so a user who was offline sees his count on return. */
@Component
public class MissedCallHelloContributor implements HelloContributor {
    private final MissedCallRepository repository;

    public MissedCallHelloContributor(MissedCallRepository repository) {
        this.repository = repository;
    }

    @Override
    public void contribute(CurrentUser user, Map<String, Object> hello) {
        hello.put("unseenMissedCalls", repository.unseenCount(user.id()));
    }
}
