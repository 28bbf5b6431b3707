package dev.callboard.web;

import dev.callboard.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SDK at a pinned, immutable URL (cached for a year, 404 once the files change) and at the plain
 * one (always revalidated, 304 when unchanged), both with ETags.
 */
class SdkAssetsIT extends IntegrationTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Value("${local.server.port}")
    int port;

    @Test
    void thePinnedPathIsImmutableAndThePlainOneRevalidates() throws Exception {
        JsonNode version = JsonMapper.builder().build().readTree(get("/sdk/version.json", null).body());
        assertThat(version.path("version").asString()).isEqualTo("0.1.0");
        String base = version.path("base").asString();
        assertThat(base).matches("/sdk/v/[0-9a-f]{12}/");

        HttpResponse<String> pinned = get(base + "callboard.js", null);
        assertThat(pinned.statusCode()).isEqualTo(200);
        assertThat(pinned.headers().firstValue("Cache-Control").orElse("")).contains("immutable").contains("max-age=31536000");
        String etag = pinned.headers().firstValue("ETag").orElseThrow();
        assertThat(get(base + "elements/status-badge.js", null).statusCode()).as("relative imports resolve under it").isEqualTo(200);
        assertThat(get("/sdk/v/000000000000/callboard.js", null).statusCode()).as("another build's path").isEqualTo(404);

        HttpResponse<String> plain = get("/sdk/callboard.js", null);
        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(plain.headers().firstValue("Cache-Control")).hasValue("no-cache");
        assertThat(plain.headers().firstValue("ETag")).hasValue(etag);
        assertThat(plain.body()).isEqualTo(pinned.body());
        assertThat(get("/sdk/callboard.js", etag).statusCode()).as("unchanged: nothing to download").isEqualTo(304);
        assertThat(get("/sdk/package.json", null).statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> get(String path, String ifNoneMatch) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (ifNoneMatch != null) request.header("If-None-Match", ifNoneMatch);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
