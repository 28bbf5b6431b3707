package dev.callboard.browser;

import com.microsoft.playwright.Page;
import com.sun.net.httpserver.HttpServer;
import dev.callboard.client.CallboardClient;
import dev.callboard.client.CallboardSession;
import dev.callboard.client.ManualStatus;
import dev.callboard.client.PresenceUpdate;
import dev.callboard.client.Role;
import dev.callboard.support.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * A host app on another origin (its own little web server, here on {@code localhost}, while Callboard
 * is on {@code 127.0.0.1}) loads the components from Callboard by absolute URL, points them at
 * Callboard with {@code configure({baseUrl})}, signs in across origins and shows live presence over
 * a WebSocket whose URL comes from {@code baseUrl}. The same page served from an origin that is not
 * on the allowlist cannot even load the components, let alone sign in.
 */
// a configuration of its own: closed afterwards, so its pool does not count against a shared PostgreSQL
@DirtiesContext
class BrowserCrossOriginIT extends BrowserTest {
    private static final int HOST_PORT = TestRedis.freePort();
    private static final int STRANGER_PORT = TestRedis.freePort();
    private static HttpServer host;
    private static HttpServer stranger;

    @DynamicPropertySource
    static void allowTheHostOnly(DynamicPropertyRegistry registry) {
        registry.add("callboard.web.allowed-origins", () -> "http://localhost:" + HOST_PORT);
    }

    @BeforeAll
    static void startHostApps() throws IOException {
        host = hostApp(HOST_PORT);
        stranger = hostApp(STRANGER_PORT);
    }

    @AfterAll
    static void stopHostApps() {
        if (host != null) host.stop(0);
        if (stranger != null) stranger.stop(0);
    }

    /** Serves one page whose script gets Callboard's address from the query string, as a host app's template would. */
    private static HttpServer hostApp(int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("localhost", port), 0);
        server.createContext("/", exchange -> {
            byte[] page = PAGE.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(page);
            }
        });
        server.start();
        return server;
    }

    private static final String PAGE = """
            <!doctype html>
            <html><head><meta charset="utf-8"><title>CRM</title>
            <script type="module">
              const q = new URLSearchParams(location.search);
              try {
                const { CallboardClient } = await import(q.get('callboard') + '/sdk/callboard-elements.js');
                const cb = CallboardClient.configure({ baseUrl: q.get('callboard') });
                cb.addEventListener('hello', () => document.body.dataset.connected = 'yes');
                await cb.login(q.get('email'), q.get('password'));
                document.querySelector('cb-status-badge').setAttribute('user-id', q.get('watch'));
                cb.connect();
              } catch (e) {
                document.body.dataset.error = e.message || String(e);
              }
            </script></head>
            <body><h1>Account manager</h1><cb-status-badge show-label></cb-status-badge></body></html>
            """;

    @Test
    void aHostPageOnAnotherOriginShowsLivePresenceThroughTheComponents() {
        CallboardClient ada = newUser(Role.ADMIN, "Ada Account Manager");
        CallboardSession adaDesk = connect(ada);
        CallboardClient cleo = newUser(Role.CLIENT, "Cleo Customer");

        Page page = newContext().newPage();
        page.navigate(hostPage(HOST_PORT, cleo, ada));
        assertThat(page.locator("body")).hasAttribute("data-connected", "yes");
        assertThat(page.locator("cb-status-badge")).hasAttribute("data-status", "available");

        adaDesk.setPresence(PresenceUpdate.status(ManualStatus.BUSY)).join();
        assertThat(page.locator("cb-status-badge")).hasAttribute("data-status", "busy");
    }

    @Test
    void aPageFromAnOriginNotOnTheListCannotSignIn() {
        CallboardClient ada = newUser(Role.ADMIN, "Ada Account Manager");
        CallboardClient cleo = newUser(Role.CLIENT, "Cleo Customer");

        Page page = newContext().newPage();
        page.navigate(hostPage(STRANGER_PORT, cleo, ada));
        assertThat(page.locator("body")).hasAttribute("data-error", Pattern.compile(".+"));
        assertThat(page.locator("body")).not().hasAttribute("data-connected", "yes");
    }

    private String hostPage(int port, CallboardClient signIn, CallboardClient watch) {
        return "http://localhost:" + port + "/?callboard=" + enc(baseUri().toString()) + "&email=" + enc(signIn.me().email())
                + "&password=" + enc(PASSWORD) + "&watch=" + watch.me().id();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
