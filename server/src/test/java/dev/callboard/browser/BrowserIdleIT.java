package dev.callboard.browser;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import dev.callboard.client.CallboardClient;
import dev.callboard.client.Role;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import java.util.UUID;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * Idle detection in the browser. Thresholds are shortened by configuration: heartbeat every 1 s,
 * dropped after 2 missed, away after 2 s idle, offline after 4 s idle. The page reports idle time in
 * its heartbeats; Playwright's own input would count as activity, so the test never touches it.
 */
@TestPropertySource(properties = {
        "callboard.presence.heartbeat-interval=1s", "callboard.presence.missed-heartbeats=2",
        "callboard.presence.away-after=2s", "callboard.presence.offline-after=4s",
        "callboard.presence.sweep-interval=100ms"})
class BrowserIdleIT extends BrowserTest {

    @Test
    void anUntouchedTabGoesAwayThenOffline() {
        CallboardClient admin = newUser(Role.ADMIN, "Ada Admin");
        CallboardClient client = newUser(Role.CLIENT, "Cleo Client");
        UUID clientId = id(client);
        Page adminPage = signIn(newContext(), admin);
        signIn(newContext(), client);   // and then nobody touches that page

        Locator cleo = badge(adminPage, clientId);
        assertThat(cleo).hasAttribute("data-status", "available");
        assertThat(cleo).hasAttribute("data-status", "away");
        assertThat(cleo).containsText("Away");
        assertThat(cleo).hasAttribute("data-status", "offline");
    }
}
