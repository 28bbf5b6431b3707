package dev.callboard.client;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The server refused a request, or it could not be made. {@link #status()} is the HTTP status, or
 * {@link #NO_STATUS} when there was no HTTP response (transport failure, or an {@code error} reply on
 * the WebSocket); {@link #code()} is the server's machine-readable error code.
 */
public class CallboardException extends RuntimeException {

    public static final int NO_STATUS = 0;

    /** Codes the SDK itself uses when the server gave none. */
    public static final String TRANSPORT_ERROR = "transport_error";
    public static final String NOT_CONNECTED = "not_connected";
    public static final String CONNECTION_CLOSED = "connection_closed";
    public static final String TIMEOUT = "timeout";

    private final int status;
    private final String code;

    public CallboardException(int status, String code, String message) {
        this(status, code, message, null);
    }

    public CallboardException(int status, String code, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.code = code;
    }

    /**
     * Reads the contract's error body {@code {"error":{"code","message"}}}. A body of another shape
     * (a proxy's HTML page, say) still gives an exception, with code {@code http_<status>}.
     */
    public static CallboardException fromResponse(int status, String body) {
        String fallbackCode = "http_" + status;
        if (body == null || body.isBlank()) {
            return new CallboardException(status, fallbackCode, "HTTP " + status);
        }
        try {
            JsonNode error = Json.MAPPER.readTree(body).path("error");
            String code = Json.text(error.get("code"));
            String message = Json.text(error.get("message"));
            if (code != null || message != null) {
                return new CallboardException(status, code != null ? code : fallbackCode,
                        message != null ? message : "HTTP " + status);
            }
        } catch (JacksonException ignored) {
            // not JSON: fall through and show the start of the body
        }
        String snippet = body.length() > 200 ? body.substring(0, 200) + "..." : body;
        return new CallboardException(status, fallbackCode, "HTTP " + status + ": " + snippet);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    @Override
    public String toString() {
        return "CallboardException[status=" + status + ", code=" + code + ", message=" + getMessage() + "]";
    }
}
