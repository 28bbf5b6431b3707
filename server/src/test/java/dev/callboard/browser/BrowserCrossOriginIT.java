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
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
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

    /**
     * Serves one page whose script gets Callboard's address from the query string, as a host app's
     * template would, and the host backend's {@code /token}: a Callboard token for the user named in
     * the query, minted with the host's API key.
     */
    private static HttpServer hostApp(int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("localhost", port), 0);
        server.createContext("/token", exchange -> { // (contexts match by prefix: no other path may start so)
            String user = exchange.getRequestURI().getQuery().replaceFirst("^user=", "");
            byte[] minted = hostBackend.mint(URLDecoder.decode(user, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, minted.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(minted);
            }
        });
        server.createContext("/", exchange -> {
            byte[] page = (exchange.getRequestURI().getPath().equals("/crm-with-tokens") ? TOKEN_PAGE : PAGE).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.getResponseHeaders().set("Content-Security-Policy", hostPolicy(exchange.getRequestURI()));
            exchange.sendResponseHeaders(200, page.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(page);
            }
        });
        server.start();
        return server;
    }

    /**
     * The strict policy a host page would have: styles only from files (the components must not need
     * inline style), scripts from itself (its one inline module here) and Callboard, connections to Callboard.
     */
    private static String hostPolicy(URI request) {
        String callboard = request.getQuery() == null ? "" : java.util.Arrays.stream(request.getQuery().split("&"))
                .filter(p -> p.startsWith("callboard=")).map(p -> URLDecoder.decode(p.substring(10), StandardCharsets.UTF_8))
                .findFirst().orElse("").replaceAll("/$", "");
        String ws = callboard.replaceFirst("^http", "ws");
        return "default-src 'self'; style-src 'self'; script-src 'self' 'unsafe-inline' " + callboard
                + "; connect-src 'self' " + callboard + " " + ws + "; img-src 'self' data:";
    }

    /** The host app's backend: holds the API key, mints two-minute tokens, remembers them. */
    private static final class HostBackend {
        final URI callboard;
        final String apiKey;
        final List<String> minted = new CopyOnWriteArrayList<>();

        HostBackend(URI callboard, String apiKey) {
            this.callboard = callboard;
            this.apiKey = apiKey;
        }

        String mint(String externalId) {
            try {
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(callboard.resolve("/api/tokens"))
                        .header("Authorization", "Bearer " + apiKey).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"externalId\":\"" + externalId + "\",\"ttlSeconds\":120,"
                                + "\"user\":{\"displayName\":\"Host user " + externalId + "\"}}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                minted.add(JSON.readTree(response.body()).path("token").asString());
                return response.body();
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static volatile HostBackend hostBackend;

    private static final String TOKEN_PAGE = """
            <!doctype html>
            <html><head><meta charset="utf-8"><title>CRM</title>
            <script type="module">
              const q = new URLSearchParams(location.search);
              // the pinned, immutable path of this build's SDK, as a host that caches it would import it
              const { base } = await (await fetch(q.get('callboard') + '/sdk/version.json')).json();
              const { CallboardClient } = await import(q.get('callboard') + base + 'callboard-elements.js');
              const cb = CallboardClient.configure({ baseUrl: q.get('callboard'),
                tokenProvider: async () => (await fetch('/token?user=' + encodeURIComponent(q.get('user')))).json() });
              let opened = 0;
              cb.addEventListener('hello', () => document.body.dataset.hellos = String(++opened));
              document.querySelector('cb-status-badge').setAttribute('user-id', q.get('watch'));
              cb.connect();
            </script></head>
            <body><h1>Account manager</h1><cb-status-badge show-label></cb-status-badge></body></html>
            """;

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
    void theHostBackendsTokensKeepTheSocketUpAcrossARefresh() {
        CallboardClient root = root();
        hostBackend = new HostBackend(baseUri(), createApiKey(root));
        CallboardClient ada = newUser(Role.ADMIN, "Ada Account Manager");
        CallboardSession adaDesk = connect(ada);

        Page page = newContext().newPage();
        page.clock().install();
        page.navigate("http://localhost:" + HOST_PORT + "/crm-with-tokens?callboard=" + enc(baseUri().toString())
                + "&user=crm-" + UUID.randomUUID() + "&watch=" + ada.me().id());
        assertThat(page.locator("body")).hasAttribute("data-hellos", "1");
        assertThat(page.locator("cb-status-badge")).hasAttribute("data-status", "available");
        org.assertj.core.api.Assertions.assertThat(hostBackend.minted).hasSize(1);

        page.clock().fastForward(100_000); // past the refresh point of a two-minute token
        org.awaitility.Awaitility.await().atMost(SOON).until(() -> hostBackend.minted.size() == 2);
        // the socket moved to the new token: ending the first one no longer closes it
        logout(hostBackend.minted.getFirst());
        adaDesk.setPresence(PresenceUpdate.status(ManualStatus.BUSY)).join();
        assertThat(page.locator("cb-status-badge")).hasAttribute("data-status", "busy");
        assertThat(page.locator("body")).hasAttribute("data-hellos", "1");
    }

    private String createApiKey(CallboardClient admin) {
        try {
            HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(baseUri().resolve("/api/api-keys"))
                    .header("Authorization", "Bearer " + admin.token()).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"crm\"}")).build(), HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(created.body()).path("key").asString();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private void logout(String token) {
        try {
            int status = HTTP.send(HttpRequest.newBuilder(baseUri().resolve("/api/auth/logout"))
                    .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
            org.assertj.core.api.Assertions.assertThat(status).isEqualTo(204);
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
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
