package dev.callboard.browser;

import com.microsoft.playwright.Route;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.callboard.client.CallboardClient;
import dev.callboard.client.CallboardSession;
import dev.callboard.client.ManualStatus;
import dev.callboard.client.PresenceUpdate;
import dev.callboard.client.Role;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.test.context.TestPropertySource;

import java.util.List;
import java.util.UUID;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * Presence and the directory as people see them in the browser, with the default thresholds
 * (heartbeat every 30 s), so "offline at once" can only come from the tab's beacon. Its own
 * application context (the sweep interval differs), hence its own database: the directory
 * screenshot shows only the people of the first test.
 */
@TestPropertySource(properties = "callboard.presence.sweep-interval=1s")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrowserPresenceIT extends BrowserTest {

    @Test
    void signInShowsGreenWithinTwoSecondsStatusAndMessageFollowAndClosingTheTabIsOfflineAtOnce() {
        CallboardClient admin = newUser(Role.ADMIN, "Ada Admin");
        CallboardClient client = newUser(Role.CLIENT, "Cleo Client");
        UUID clientId = id(client), adminId = id(admin);

        Page adminPage = signIn(newContext(), admin);
        // the avatar is styled without inline styles (the CSP allows none), in the page's own list too
        Locator avatar = person(adminPage, clientId).locator(".avatar");
        assertThat(avatar).hasCSS("width", "44px");
        assertThat(avatar).hasCSS("border-radius", "50%");
        assertThat(avatar).not().hasCSS("background-color", "rgba(0, 0, 0, 0)");
        Locator cleo = badge(adminPage, clientId);
        assertThat(cleo).hasAttribute("data-status", "offline");
        assertThat(cleo).containsText("Offline");

        Page clientPage = signIn(newContext(), client);
        assertThat(cleo).hasAttribute("data-status", "available", new LocatorAssertions.HasAttributeOptions().setTimeout(2000));
        assertThat(cleo).containsText("Available");
        assertThat(badge(clientPage, adminId)).hasAttribute("data-status", "available");

        // Cleo sets do not disturb with a message; Ada sees both.
        clientPage.locator("cb-status-picker button.current").click();
        clientPage.getByRole(AriaRole.RADIO, new Page.GetByRoleOptions().setName("Do not disturb")).check();
        clientPage.getByLabel("Reset status after").selectOption("3600");
        clientPage.getByLabel("Status message").fill("Presenting until 3");
        clientPage.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save")).click();
        assertThat(cleo).hasAttribute("data-status", "do_not_disturb");
        assertThat(cleo).containsText("Do not disturb");
        assertThat(person(adminPage, clientId).locator(".status-message")).hasText("Presenting until 3");
        assertThat(clientPage.locator("cb-status-picker button.current")).containsText("Do not disturb");

        // Back to automatic: green again, message gone.
        clientPage.locator("cb-status-picker button.current").click();
        clientPage.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Reset")).click();
        assertThat(cleo).hasAttribute("data-status", "available");
        assertThat(person(adminPage, clientId).locator(".status-message")).hasText("");

        // Closing the tab sends the beacon: offline well before three missed heartbeats (90 s) could tell.
        clientPage.close(new Page.CloseOptions().setRunBeforeUnload(true));
        assertThat(cleo).hasAttribute("data-status", "offline", new LocatorAssertions.HasAttributeOptions().setTimeout(1500));
    }

    @Test
    @Order(1)
    void aClientSeesAdminsOnlyWithNoTraceOfOtherClients() {
        CallboardClient admin = newUser(Role.ADMIN, "Ada Admin");
        CallboardClient client = newUser(Role.CLIENT, "Cleo Client");
        CallboardClient other = newUser(Role.CLIENT, "Otto Otherclient");
        connect(other).setPresence(PresenceUpdate.status(ManualStatus.BUSY).withMessage("On a customer call")).join();
        CallboardClient maya = newUser(Role.CLIENT, "Maya Patel");
        connect(maya).setPresence(PresenceUpdate.status(ManualStatus.BE_RIGHT_BACK).withMessage("Back at 2")).join();
        CallboardClient colleague = newUser(Role.ADMIN, "Liam Chen");
        connect(colleague).setPresence(PresenceUpdate.status(ManualStatus.DO_NOT_DISTURB)).join();

        // A client on a phone: his team (the admins), and nothing about any other client.
        Page clientPage = signIn(newContext(390, 844), client);
        assertThat(clientPage.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Your team"))).isVisible();
        assertThat(person(clientPage, id(admin))).isVisible();
        assertThat(badge(clientPage, id(colleague))).hasAttribute("data-status", "do_not_disturb");
        for (CallboardClient hidden : List.of(other, maya)) {
            assertThat(person(clientPage, id(hidden))).hasCount(0);
        }
        assertThat(clientPage.locator("body")).not().containsText("Otto");
        assertThat(clientPage.locator("body")).not().containsText("Maya");
        assertThat(clientPage.locator("body")).not().containsText("customer call");
        assertThat(clientPage.locator(".person")).hasCount(client.directory().size() - 1); // everyone the server lets him see, but himself
        clientPage.getByLabel("Search people").fill("otto");
        assertThat(clientPage.locator(".person")).hasCount(0);
        assertThat(clientPage.locator("#people-empty")).isVisible();
        clientPage.getByLabel("Search people").fill("");
        screenshot(clientPage, "directory-phone");

        // The admin sees his clients, their statuses and messages.
        Page adminPage = signIn(newContext(), admin);
        assertThat(adminPage.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Clients"))).isVisible();
        assertThat(badge(adminPage, id(client))).hasAttribute("data-status", "available");
        assertThat(badge(adminPage, id(other))).hasAttribute("data-status", "busy");
        assertThat(person(adminPage, id(other)).locator(".status-message")).hasText("On a customer call");
        assertThat(badge(adminPage, id(maya))).hasAttribute("data-status", "be_right_back");
        adminPage.getByLabel("Search people").fill("maya");
        assertThat(adminPage.locator(".person")).hasCount(1);
        adminPage.getByLabel("Search people").fill("");
        screenshot(adminPage, "directory");
    }

    @Test
    void aLostConnectionShowsTheBannerAndReconnectingResyncsWhatChangedMeanwhile() {
        CallboardClient admin = newUser(Role.ADMIN, "Ada Admin");
        CallboardClient client = newUser(Role.CLIENT, "Cleo Client");
        CallboardSession adminSession = connect(admin);
        Page clientPage = signIn(newContext(), client);
        Locator ada = badge(clientPage, id(admin));
        assertThat(ada).hasAttribute("data-status", "available");
        Locator banner = clientPage.getByRole(AriaRole.ALERT).filter(new Locator.FilterOptions().setHasText("Connection lost"));
        assertThat(banner).isHidden();

        // No new tickets for now, then the server drops the socket (the page's own beacon closes it).
        clientPage.route("**/api/realtime/ticket", Route::abort);
        clientPage.evaluate("() => dispatchEvent(new PageTransitionEvent('pagehide'))");
        assertThat(banner).isVisible();

        // Something changes while the page is disconnected...
        adminSession.setPresence(PresenceUpdate.status(ManualStatus.DO_NOT_DISTURB).withMessage("Focus time")).join();
        // ...and the page catches up from hello once it reconnects.
        clientPage.unroute("**/api/realtime/ticket");
        assertThat(banner).isHidden(new LocatorAssertions.IsHiddenOptions().setTimeout(20000));
        assertThat(ada).hasAttribute("data-status", "do_not_disturb");
        assertThat(person(clientPage, id(admin)).locator(".status-message")).hasText("Focus time");
    }
}
