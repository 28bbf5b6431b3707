package dev.callboard.browser;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.callboard.client.CallboardClient;
import dev.callboard.client.Role;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * Presence and the directory as people see them in the browser, with the default thresholds
 * (heartbeat every 30 s), so "offline at once" can only come from the tab's beacon.
 */
class BrowserPresenceIT extends BrowserTest {

    @Test
    void signInShowsGreenWithinTwoSecondsStatusAndMessageFollowAndClosingTheTabIsOfflineAtOnce() {
        CallboardClient admin = newUser(Role.ADMIN, "Ada Admin");
        CallboardClient client = newUser(Role.CLIENT, "Cleo Client");
        UUID clientId = id(client), adminId = id(admin);

        Page adminPage = signIn(newContext(), admin);
        Locator cleo = badge(adminPage, clientId);
        assertThat(cleo).hasAttribute("data-status", "offline");
        assertThat(cleo).containsText("Offline");

        Page clientPage = signIn(newContext(), client);
        assertThat(cleo).hasAttribute("data-status", "available", new com.microsoft.playwright.assertions.LocatorAssertions.HasAttributeOptions().setTimeout(2000));
        assertThat(cleo).containsText("Available");
        assertThat(badge(clientPage, adminId)).hasAttribute("data-status", "available");
        screenshot(adminPage, "directory");

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
        assertThat(cleo).hasAttribute("data-status", "offline", new com.microsoft.playwright.assertions.LocatorAssertions.HasAttributeOptions().setTimeout(1500));
    }

    @Test
    void aClientSeesAdminsOnlyWithNoTraceOfOtherClients() {
        CallboardClient admin = newUser(Role.ADMIN, "Ada Admin");
        CallboardClient client = newUser(Role.CLIENT, "Cleo Client");
        CallboardClient other = newUser(Role.CLIENT, "Otto Otherclient");
        connect(other);

        Page clientPage = signIn(newContext(), client);
        assertThat(clientPage.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Your team"))).isVisible();
        assertThat(person(clientPage, id(admin))).isVisible();
        assertThat(clientPage.locator(".person")).not().hasCount(0);
        clientPage.locator(".person").all().forEach(row ->
                assertThat(row).not().hasAttribute("data-user-id", id(other).toString()));
        assertThat(clientPage.locator("body")).not().containsText("Otto");
        clientPage.getByLabel("Search people").fill("otto");
        assertThat(clientPage.locator(".person")).hasCount(0);
        assertThat(clientPage.locator("#people-empty")).isVisible();

        Page adminPage = signIn(newContext(), admin);
        assertThat(adminPage.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Clients"))).isVisible();
        assertThat(person(adminPage, id(other))).isVisible();
        assertThat(person(adminPage, id(client))).isVisible();
    }
}
