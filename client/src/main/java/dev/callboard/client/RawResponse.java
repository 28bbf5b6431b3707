package dev.callboard.client;

import java.net.http.HttpHeaders;
import tools.jackson.databind.JsonNode;

/**
 * An HTTP response as it came, for requests outside the typed API (tests of bad input, say).
 * Nothing here throws on an error status.
 */
public record RawResponse(int status, String body, HttpHeaders headers) {

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    /** The body as JSON; a missing node when the body is empty. */
    public JsonNode json() {
        return body == null || body.isEmpty() ? Json.MAPPER.missingNode() : Json.MAPPER.readTree(body);
    }

    /** The error this response stands for (meaningful when {@link #isSuccess()} is false). */
    public CallboardException error() {
        return CallboardException.fromResponse(status, body);
    }
}
