package dev.callboard.web;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.http.CacheControl;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.config.ResourceHandlerRegistry;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The JS SDK and components at two kinds of URL. {@code /sdk/...} always serves the current files and
 * makes the browser revalidate ({@code no-cache} + ETag: a 304 costs nothing). {@code /sdk/v/<hash>/...}
 * is immutable: the hash is of every SDK file together, so a new build that changes any of them gets a
 * new path, and the old path is 404 rather than stale; it is cached for a year. {@code /sdk/version.json}
 * names the current path, for a host that pins its import.
 */
@RestController
@Component
public class SdkAssets implements WebFluxConfigurer {
    static final String LOCATION = "classpath:/static/sdk/";

    /** What {@code GET /sdk/version.json} answers. */
    public record Version(String version, String hash, String base) {}

    private final String hash;
    private final String version;
    private final Map<String, String> etags = new ConcurrentHashMap<>();

    public SdkAssets(JsonMapper json) {
        this.hash = contentHash();
        try (InputStream in = new PathMatchingResourcePatternResolver().getResource(LOCATION + "package.json").getInputStream()) {
            this.version = json.readTree(in).path("version").asString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The SDK's package version, and the immutable path of this build's files. */
    @GetMapping("/sdk/version.json")
    public Version version() {
        return new Version(version, hash, "/sdk/v/" + hash + "/");
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/sdk/v/" + hash + "/**")
                .addResourceLocations(LOCATION)
                .setCacheControl(CacheControl.maxAge(365, TimeUnit.DAYS).cachePublic().immutable())
                .setEtagGenerator(this::etag);
        registry.addResourceHandler("/sdk/**")
                .addResourceLocations(LOCATION)
                .setCacheControl(CacheControl.noCache())
                .setEtagGenerator(this::etag);
    }

    private String etag(Resource resource) {
        try {
            return etags.computeIfAbsent(resource.getURL().toString(), url -> {
                try (InputStream in = resource.getInputStream()) {
                    return "\"" + HexFormat.of().formatHex(sha256().digest(in.readAllBytes())).substring(0, 16) + "\"";
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SHA-256 over every SDK file's path and bytes, in path order; the first 12 hex digits. */
    private static String contentHash() {
        try {
            Resource[] files = new PathMatchingResourcePatternResolver().getResources(LOCATION.replace("classpath:", "classpath*:") + "**/*");
            MessageDigest digest = sha256();
            Arrays.stream(files).filter(Resource::isReadable)
                    .sorted(Comparator.comparing(SdkAssets::path))
                    .forEach(file -> {
                        try (InputStream in = file.getInputStream()) {
                            digest.update(path(file).getBytes(StandardCharsets.UTF_8));
                            digest.update(in.readAllBytes());
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
            return HexFormat.of().formatHex(digest.digest()).substring(0, 12);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String path(Resource file) {
        try {
            String url = file.getURL().toString();
            return url.substring(url.indexOf("static/sdk/"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
