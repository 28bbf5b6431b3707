package dev.callboard.call;

import dev.callboard.auth.AuthIntegrationTest;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;

/**
 * The whole server with its real beans (presence engine, gateway, auth filter). All calling test
 * classes share this configuration, and therefore one application context.
 */
@TestPropertySource(properties = {
        "callboard.ice.stun-urls=stun:stun.callboard.test:3478",
        "callboard.ice.turn-urls=turn:turn.callboard.test:3478?transport=udp,turns:turn.callboard.test:5349",
        "callboard.ice.turn-secret=north-wind",
        "callboard.ice.credential-ttl=1h"})
public abstract class CallingIntegrationTest extends AuthIntegrationTest {
    protected static final Duration WAIT = Duration.ofSeconds(10);
}
