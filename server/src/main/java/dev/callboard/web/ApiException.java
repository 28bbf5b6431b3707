package dev.callboard.web;

/**
 * A failure the caller should see as {@code {"error":{"code":..., "message":...}}} with an HTTP status.
 * Domain code throws these through the small factories below; the transport maps them.
 */
public class ApiException extends RuntimeException {
    private final int status;
    private final String code;

    public ApiException(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    public int status() { return status; }

    public String code() { return code; }

    public static ApiException badRequest(String message) {
        return new ApiException(400, "bad_request", message);
    }

    public static ApiException unauthorized(String message) {
        return new ApiException(401, "unauthorized", message);
    }

    public static ApiException forbidden(String message) {
        return new ApiException(403, "forbidden", message);
    }

    /** Also used for things that exist but the caller may not see: never hint that the id exists. */
    public static ApiException notFound(String what) {
        return new ApiException(404, "not_found", what + " not found");
    }

    public static ApiException conflict(String code, String message) {
        return new ApiException(409, code, message);
    }

    public static ApiException tooManyRequests(String message) {
        return new ApiException(429, "rate_limited", message);
    }
}
