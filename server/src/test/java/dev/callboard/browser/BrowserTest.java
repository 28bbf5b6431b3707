package dev.callboard.browser;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import dev.callboard.client.CallboardClient;
import dev.callboard.e2e.EndToEndTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.test.context.TestPropertySource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Base for browser tests: the real server, Debian's Chromium driven by Playwright with a fake camera
 * and microphone. One browser per test class; every person (and every test) gets its own isolated
 * browser context, so sessionStorage, tokens and device ids never leak between them.
 * With {@code CALLBOARD_SCREENSHOTS=1} the tests write the README's screenshots to docs/images/.
 */
@TestPropertySource(properties = {
        "callboard.auth.admin-email=root@browser.test", "callboard.auth.admin-password=root-password-1"})
public abstract class BrowserTest extends EndToEndTest {
    static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
    static final double SOON_MS = 5000;
    static final int DESKTOP_WIDTH = 1280, DESKTOP_HEIGHT = 800;

    static Playwright playwright;
    static Browser browser;
    private final List<BrowserContext> contexts = new ArrayList<>();
    /** What Chromium refused under the Content-Security-Policy, on any page of any context. */
    private final List<String> cspViolations = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeAll
    static void launchBrowser() {
        playwright = Playwright.create();
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(CHROMIUM)
                .setHeadless(true)
                .setArgs(List.of("--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
                        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--autoplay-policy=no-user-gesture-required")));
        PlaywrightAssertions.setDefaultAssertionTimeout(SOON_MS);
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) browser.close();
        if (playwright != null) playwright.close();
    }

    @AfterEach
    void closeContexts() {
        for (BrowserContext c : contexts) c.close();
        contexts.clear();
        org.assertj.core.api.Assertions.assertThat(cspViolations)
                .as("nothing on the pages needs more than style-src 'self' and script-src 'self'").isEmpty();
        cspViolations.clear();
    }

    /** A fresh browser profile (one person at one computer), camera and microphone allowed. */
    protected BrowserContext newContext() {
        return newContext(DESKTOP_WIDTH, DESKTOP_HEIGHT);
    }

    protected BrowserContext newContext(int width, int height) {
        BrowserContext c = browser.newContext(new Browser.NewContextOptions()
                .setViewportSize(width, height)
                .setBaseURL(baseUri().toString())
                .setPermissions(List.of("camera", "microphone")));
        c.onConsoleMessage(m -> {
            if (m.text().contains("Content Security Policy")) cspViolations.add(m.text());
        });
        contexts.add(c);
        return c;
    }

    /** Opens the app in a new tab of that context and signs in. */
    protected Page signIn(BrowserContext context, CallboardClient user) {
        Page page = context.newPage();
        page.navigate("/");
        page.getByLabel("Email").fill(user.me().email());
        page.getByLabel("Password").fill(PASSWORD);
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName("Sign in")).click();
        PlaywrightAssertions.assertThat(page.locator("#app")).isVisible();
        return page;
    }

    /** The row of that person in the directory. */
    protected static Locator person(Page page, UUID userId) {
        return page.locator(".person[data-user-id='" + userId + "']");
    }

    /** The status the badge next to that person's name shows (its data-status). */
    protected static Locator badge(Page page, UUID userId) {
        return person(page, userId).locator("cb-status-badge[show-label]");
    }

    protected static void screenshot(Page page, String name) {
        if (!"1".equals(System.getenv("CALLBOARD_SCREENSHOTS")) && !Boolean.getBoolean("callboard.screenshots")) return;
        try {
            Path dir = Paths.get("..", "docs", "images");
            Files.createDirectories(dir);
            page.screenshot(new Page.ScreenshotOptions().setPath(dir.resolve(name + ".png"))
                    .setAnimations(com.microsoft.playwright.options.ScreenshotAnimations.DISABLED));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
