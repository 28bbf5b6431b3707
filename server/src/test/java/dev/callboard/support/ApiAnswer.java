package dev.callboard.support;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** A REST answer as a test reads it: the status and the JSON body (empty for 204), with the error code. */
public record ApiAnswer(int status, JsonNode body) {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    public String code() {
        return body.path("error").path("code").asString();
    }

    /** Sends the request with {@code Authorization: Bearer credential} (any kind: token, JWT, API key). */
    public static ApiAnswer send(String credential, HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.header("Authorization", "Bearer " + credential).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new ApiAnswer(response.statusCode(), response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body()));
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
