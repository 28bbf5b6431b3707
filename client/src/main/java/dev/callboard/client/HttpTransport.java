package dev.callboard.client;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;

/** Plain HTTP plumbing shared by a client and all its {@code withToken} copies. */
final class HttpTransport {

    private final HttpClient http;
    private final String base;
    private final Duration timeout;

    HttpTransport(HttpClient http, URI baseUri, Duration timeout) {
        this.http = http;
        String text = baseUri.toString();
        this.base = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
        this.timeout = timeout;
    }

    HttpClient http() {
        return http;
    }

    URI baseUri() {
        return URI.create(base);
    }

    URI resolve(String pathAndQuery) {
        return URI.create(base + pathAndQuery);
    }

    /**
     * Sends a request; {@code body} is a JSON string, any other object to serialize, or null.
     * Throws {@link CallboardException} for a non-2xx status or a transport failure.
     */
    String send(String method, String path, Object body, String token, Map<String, String> headers) {
        RawResponse response = exchange(method, path, body, token, headers);
        if (!response.isSuccess()) {
            throw response.error();
        }
        return response.body();
    }

    RawResponse exchange(String method, String path, Object body, String token, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(resolve(path))
                .timeout(timeout)
                .header("Accept", "application/json");
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            String json = body instanceof String text ? text : Json.MAPPER.writeValueAsString(body);
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        }
        if (token != null && !headers.containsKey("Authorization")) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new RawResponse(response.statusCode(), response.body(), response.headers());
        } catch (HttpTimeoutException e) {
            throw new CallboardException(CallboardException.NO_STATUS, CallboardException.TIMEOUT,
                    method + " " + path + " timed out after " + timeout, e);
        } catch (IOException e) {
            throw new CallboardException(CallboardException.NO_STATUS, CallboardException.TRANSPORT_ERROR,
                    method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CallboardException(CallboardException.NO_STATUS, CallboardException.TRANSPORT_ERROR,
                    method + " " + path + " interrupted", e);
        }
    }

    /** {@code ?a=1&b=2} from name/value pairs, leaving out null values; empty if all are null. */
    static String query(Object... namesAndValues) {
        StringJoiner joiner = new StringJoiner("&", "?", "");
        joiner.setEmptyValue("");
        for (int i = 0; i < namesAndValues.length; i += 2) {
            Object value = namesAndValues[i + 1];
            if (value != null) {
                joiner.add(namesAndValues[i] + "=" + URLEncoder.encode(value.toString(), StandardCharsets.UTF_8));
            }
        }
        return joiner.toString();
    }
}
