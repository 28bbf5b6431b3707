package dev.callboard.call;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.callboard.identity.CurrentUser;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** {@code GET /api/calls/ice-servers}: what to put in {@code RTCPeerConnection}'s {@code iceServers}. */
@RestController
public class IceServerController {
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record IceServer(List<String> urls, String username, String credential) {}

    public record IceServers(List<IceServer> iceServers, long ttlSeconds) {}

    private final IceProperties properties;
    private final Clock clock;

    public IceServerController(IceProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    @GetMapping("/api/calls/ice-servers")
    public IceServers iceServers(CurrentUser user) {
        List<IceServer> servers = new ArrayList<>();
        if (!properties.stunUrls().isEmpty()) servers.add(new IceServer(properties.stunUrls(), null, null));
        if (properties.turnEnabled()) {
            TurnCredentials.Credential c = TurnCredentials.mint(properties.turnSecret(), user.id(), clock.instant(),
                    properties.credentialTtl());
            servers.add(new IceServer(properties.turnUrls(), c.username(), c.credential()));
        }
        return new IceServers(servers, properties.credentialTtl().toSeconds());
    }
}
