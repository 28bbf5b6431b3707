package dev.callboard.browser;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import dev.callboard.client.Call;
import dev.callboard.client.CallStatus;
import dev.callboard.client.CallboardClient;
import dev.callboard.client.Role;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.util.UUID;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Calling in the browser, with real WebRTC media between two Chromium contexts (fake camera and
 * microphone, host candidates on loopback): ringing on every tab, answer, media, hang-up, history.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // the screenshots come from the first two
class BrowserCallIT extends BrowserTest {

    private static Page.GetByRoleOptions named(String name) {
        return new Page.GetByRoleOptions().setName(name).setExact(true);
    }

    private static Locator callButton(Page page, UUID userId, String media) {
        return person(page, userId).locator("cb-call-button[media=" + media + "] button");
    }

    private static Locator ringing(Page page) {
        return page.locator("cb-incoming-call .card");
    }

    private static Locator callState(Page page) {
        return page.locator("cb-call-view .state-text");
    }

    /**
     * Waits until this page's call is connected and its remote video shows real frames: the
     * element plays, has a size, and the inbound-rtp video byte count keeps growing.
     */
    private static void awaitRemoteVideoPlaying(Page page) {
        page.waitForFunction("""
                async () => {
                  const view = document.querySelector('cb-call-view');
                  const pc = view.call?.pc;
                  if (!pc || pc.connectionState !== 'connected') return false;
                  const video = view.shadowRoot.querySelector('video.remote');
                  if (video.paused || video.videoWidth === 0 || video.currentTime === 0) return false;
                  let bytes = 0;
                  (await pc.getStats()).forEach(r => { if (r.type === 'inbound-rtp' && r.kind === 'video') bytes = r.bytesReceived; });
                  const seen = (window.__inboundBytes ??= []);
                  seen.push(bytes);
                  return bytes > 0 && seen.length > 1 && bytes > seen[0];
                }""", null, new Page.WaitForFunctionOptions().setPollingInterval(250).setTimeout(15000));
    }

    @Test
    @Order(1)
    void anAdminCallsAClientBothTabsRingOneAnswersMediaFlowsAndHangUpEndsItOnBothSides() {
        CallboardClient admin = newUser(Role.ADMIN, "Ada Lovelace");
        CallboardClient client = newUser(Role.CLIENT, "Cleo Park");
        UUID clientId = id(client);
        Page adminPage = signIn(newContext(), admin);
        BrowserContext cleo = newContext();
        Page tab1 = signIn(cleo, client);
        Page tab2 = signIn(cleo, client);
        assertThat(badge(adminPage, clientId)).hasAttribute("data-status", "available");

        callButton(adminPage, clientId, "video").click();
        assertThat(callState(adminPage)).hasText("Ringing…");
        for (Page tab : new Page[] {tab1, tab2}) {
            assertThat(ringing(tab)).isVisible();
            assertThat(ringing(tab)).containsText("Ada Lovelace");
            assertThat(ringing(tab)).containsText("Incoming video call");
        }
        screenshot(tab1, "incoming-call");

        tab1.getByRole(AriaRole.BUTTON, named("Accept with video")).click();
        assertThat(ringing(tab1)).isHidden();
        assertThat(ringing(tab2)).isHidden(); // answered elsewhere: the other tab stops ringing
        assertThat(tab2.locator("cb-call-view .stage")).isHidden();
        assertThat(callState(adminPage)).hasText("Connected", new LocatorAssertions.HasTextOptions().setTimeout(15000));
        assertThat(callState(tab1)).hasText("Connected", new LocatorAssertions.HasTextOptions().setTimeout(15000));
        assertThat(badge(adminPage, clientId)).hasAttribute("data-status", "in_a_call");
        awaitRemoteVideoPlaying(adminPage);
        awaitRemoteVideoPlaying(tab1);

        // Mute and camera toggles are visible to the user.
        tab1.getByRole(AriaRole.BUTTON, named("Mute")).click();
        assertThat(tab1.getByRole(AriaRole.BUTTON, named("Unmute"))).hasAttribute("aria-pressed", "true");
        assertThat(adminPage.locator("cb-call-view .timer")).hasText(Pattern.compile("^0:(0[2-9]|[1-5]\\d)$")); // at least 2 s
        screenshot(adminPage, "in-call");

        adminPage.getByRole(AriaRole.BUTTON, named("Hang up")).click();
        assertThat(adminPage.locator("cb-call-view .stage")).isHidden();
        assertThat(tab1.locator("cb-call-view .stage")).isHidden();
        assertThat(tab1.locator("cb-call-view .ended")).containsText("Call ended");
        assertThat(badge(adminPage, clientId)).hasAttribute("data-status", "available");

        Call stored = client.callHistory().items().getFirst();
        assertThat(stored.status()).isEqualTo(CallStatus.ENDED);
        assertThat(stored.durationSeconds()).isBetween(2, 59);
        String shown = "0:%02d".formatted(stored.durationSeconds());
        for (Page page : new Page[] {adminPage, tab1}) {
            page.getByRole(AriaRole.TAB, named("Call history")).click();
            Locator row = page.locator(".history .call").first();
            assertThat(row).containsText("video call");
            assertThat(row).containsText("Answered");
            assertThat(row.locator(".duration")).hasText(shown);
        }
        assertThat(adminPage.locator(".history .call").first()).containsText("Cleo Park");
        assertThat(adminPage.locator(".history .call").first()).containsText("Outgoing");
        assertThat(tab1.locator(".history .call").first()).containsText("Incoming");
    }

    @Test
    @Order(2)
    void callingAnOfflineClientLeavesAMissedCallThatSheSeesAndCallsBack() {
        CallboardClient admin = newUser(Role.ADMIN, "Sam Rivera");
        CallboardClient client = newUser(Role.CLIENT, "Nora Quinn");
        UUID clientId = id(client);
        Page adminPage = signIn(newContext(), admin);
        assertThat(badge(adminPage, clientId)).hasAttribute("data-status", "offline");

        callButton(adminPage, clientId, "audio").click();
        assertThat(person(adminPage, clientId).locator("cb-call-button[media=audio] .notice"))
                .hasText("User is offline. Missed call notification sent.");

        Page clientPage = signIn(newContext(), client);
        Locator bell = clientPage.locator("cb-missed-calls .bell");
        assertThat(bell.locator(".count")).hasText("1");
        assertThat(bell).hasAttribute("aria-label", "Missed calls, 1 new");

        bell.click();
        Locator panel = clientPage.getByRole(AriaRole.REGION, named("Missed calls"));
        assertThat(panel).isVisible();
        Locator entry = panel.locator("li").first();
        assertThat(entry).containsText("Sam Rivera");
        assertThat(entry).containsText("Audio call");
        assertThat(bell.locator(".count")).isHidden(); // viewing marks them seen
        assertThat(bell).hasAttribute("aria-label", "Missed calls");
        screenshot(clientPage, "missed-calls");
        assertThat(client.unseenMissedCallCount()).isZero();

        entry.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Call back Sam Rivera")).click();
        assertThat(ringing(adminPage)).isVisible();
        assertThat(ringing(adminPage)).containsText("Nora Quinn");
        assertThat(ringing(adminPage)).containsText("Incoming audio call");
        assertThat(callState(clientPage)).hasText("Ringing…");

        adminPage.getByRole(AriaRole.BUTTON, named("Decline")).click();
        assertThat(ringing(adminPage)).isHidden();
        assertThat(clientPage.locator("cb-call-view .stage")).isHidden();
        assertThat(clientPage.locator("cb-call-view .ended")).hasText("Sam Rivera declined the call");
    }

    @Test
    void aMissedCallWhileOnlineRaisesAToastAndDeclineAndCancelBehaveAsInTeams() {
        CallboardClient admin = newUser(Role.ADMIN, "Ada Admin");
        CallboardClient client = newUser(Role.CLIENT, "Cleo Client");
        UUID clientId = id(client);
        Page adminPage = signIn(newContext(), admin);
        Page clientPage = signIn(newContext(), client);
        assertThat(badge(adminPage, clientId)).hasAttribute("data-status", "available");

        // The caller gives up while it rings: the ringing stops and a missed call arrives at once.
        callButton(adminPage, clientId, "video").click();
        assertThat(ringing(clientPage)).isVisible();
        adminPage.getByRole(AriaRole.BUTTON, named("Hang up")).click();
        assertThat(ringing(clientPage)).isHidden();
        assertThat(adminPage.locator("cb-call-view .ended")).hasText("Call cancelled");
        Locator toast = clientPage.locator("cb-missed-calls .toast");
        assertThat(toast).isVisible();
        assertThat(toast).containsText("Missed video call");
        assertThat(toast).containsText("Ada Admin");
        assertThat(clientPage.locator("cb-missed-calls .toasts")).hasAttribute("aria-live", "polite");
        assertThat(clientPage.locator("cb-missed-calls .count")).hasText("1");

        // The callee declines: the caller is told, nobody gets a missed call.
        callButton(adminPage, clientId, "audio").click();
        assertThat(ringing(clientPage)).isVisible();
        clientPage.getByRole(AriaRole.BUTTON, named("Decline")).click();
        assertThat(ringing(clientPage)).isHidden();
        assertThat(adminPage.locator("cb-call-view .stage")).isHidden();
        assertThat(adminPage.locator("cb-call-view .ended")).hasText("Cleo Client declined the call");
        assertThat(clientPage.locator("cb-missed-calls .count")).hasText("1");

        // "Call back" on the toast rings the caller.
        toast.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Call back").setExact(true)).click();
        assertThat(ringing(adminPage)).isVisible();
        assertThat(ringing(adminPage)).containsText("Cleo Client");
        clientPage.getByRole(AriaRole.BUTTON, named("Hang up")).click();
        assertThat(ringing(adminPage)).isHidden();

        // All three are in her history, and the filters narrow it down.
        clientPage.getByRole(AriaRole.TAB, named("Call history")).click();
        Locator rows = clientPage.locator(".history .call");
        assertThat(rows).hasCount(3);
        clientPage.locator("#filter-direction").selectOption("outgoing");
        assertThat(rows).hasCount(1);
        assertThat(rows.first()).containsText("Outgoing");
        assertThat(rows.first()).containsText("Ada Admin");
        clientPage.locator("#filter-direction").selectOption("");
        clientPage.locator("#filter-status").selectOption("declined");
        assertThat(rows).hasCount(1);
        assertThat(rows.first()).containsText("Declined");
        assertThat(rows.first()).containsText("audio call");
    }
}
