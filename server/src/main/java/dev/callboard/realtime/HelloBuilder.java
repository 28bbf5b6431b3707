package dev.callboard.realtime;

import dev.callboard.directory.UserRepository;
import dev.callboard.messaging.HelloContributor;
import dev.callboard.messaging.OutboundEvent;
import dev.callboard.presence.PresenceEngine;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The snapshot sent on every (re)connect, so a client never depends on events it missed. */
@Component
public class HelloBuilder {
    private final UserRepository users;
    private final PresenceEngine presence;
    private final List<HelloContributor> contributors;

    public HelloBuilder(UserRepository users, PresenceEngine presence, List<HelloContributor> contributors) {
        this.users = users;
        this.presence = presence;
        this.contributors = contributors;
    }

    OutboundEvent build(Connection c) {
        Map<String, Object> hello = new LinkedHashMap<>();
        hello.put("me", users.findById(c.user().id()).orElseThrow());
        hello.put("deviceId", c.deviceId());
        hello.put("beaconKey", c.beaconKey());
        hello.put("heartbeatIntervalSeconds", presence.thresholds().heartbeatInterval().toSeconds());
        // Exact, for intervals under a second (tests); browsers prefer it over the rounded seconds.
        hello.put("heartbeatIntervalMillis", presence.thresholds().heartbeatInterval().toMillis());
        hello.put("unseenMissedCalls", 0);
        hello.put("activeCalls", List.of());
        for (HelloContributor contributor : contributors) contributor.contribute(c.user(), hello);
        return new OutboundEvent("hello", hello);
    }
}
