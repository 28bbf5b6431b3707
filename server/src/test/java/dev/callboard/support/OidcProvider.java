package dev.callboard.support;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;

/**
 * A real OpenID Connect provider for the tests: Spring Authorization Server (module
 * {@code oidc-provider}) in a JVM of its own, on a port chosen before it starts, so that Callboard can
 * be configured with its JWKS before it runs. {@link #token} asks its token endpoint for an access
 * token; the form parameters say whose (see {@code oidcprovider.TestOidcProvider}).
 */
public final class OidcProvider implements AutoCloseable {
    private static final String CLIENT = "callboard-host:host-secret";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final int port;
    private Process process;

    private OidcProvider(int port) {
        this.port = port;
    }

    /** A provider on a free port, not started yet. */
    public static OidcProvider onFreePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return new OidcProvider(s.getLocalPort());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public String issuer() {
        return "http://127.0.0.1:" + port;
    }

    public String jwkSetUri() {
        return issuer() + "/oauth2/jwks";
    }

    public synchronized boolean started() {
        return process != null && process.isAlive();
    }

    /** Starts it (once) and waits until its discovery document answers. */
    public synchronized OidcProvider start() {
        if (started()) return this;
        try {
            Path jar = Path.of(System.getProperty("callboard.test.oidc-provider-jar", "../oidc-provider/target/callboard-test-oidc-provider.jar"));
            if (!Files.exists(jar)) throw new IllegalStateException("no " + jar + ": build the oidc-provider module first");
            Path log = Files.createDirectories(Path.of("target", "oidc-provider")).resolve("provider-" + port + ".log");
            process = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-Xmx256m",
                    "-jar", jar.toAbsolutePath().toString(), "--server.port=" + port)
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            HttpRequest discovery = HttpRequest.newBuilder(URI.create(issuer() + "/.well-known/openid-configuration")).build();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .alias("the OIDC provider is up (its log: " + log.toAbsolutePath() + ")")
                    .until(() -> {
                        if (!process.isAlive()) throw new IllegalStateException("the OIDC provider exited: see " + log.toAbsolutePath());
                        try {
                            return HTTP.send(discovery, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                        } catch (IOException e) {
                            return false;
                        }
                    });
            return this;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An access token from the token endpoint (client credentials), with these extra parameters. */
    public String token(Map<String, String> parameters) {
        start();
        List<String> form = new ArrayList<>(List.of("grant_type=client_credentials"));
        parameters.forEach((k, v) -> form.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        HttpRequest request = HttpRequest.newBuilder(URI.create(issuer() + "/oauth2/token"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(CLIENT.getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.stream().collect(Collectors.joining("&"))))
                .build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) throw new IllegalStateException("token endpoint: " + response.statusCode() + " " + response.body());
            return JSON.readTree(response.body()).path("access_token").asString();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The provider's published keys. */
    public JsonNode jwks() {
        start();
        try {
            return JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(jwkSetUri())).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public synchronized void close() {
        if (process != null) process.destroyForcibly();
    }
}
