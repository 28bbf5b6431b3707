package dev.callboard.error;

/**
 * A request the domain refuses, and why, in the domain's own terms. The edges turn the kind into
 * what a client sees: {@code web.ErrorMapping} picks the HTTP status for REST and the same code and
 * message for WebSocket {@code error} frames. {@link #code()} is the machine-readable reason
 * clients switch on ({@code not_found}, {@code invalid_transition}, ...).
 */
public abstract sealed class DomainException extends RuntimeException {
    private final String code;

    private DomainException(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** Input that breaks a rule: malformed, out of range, inconsistent. */
    public static final class Invalid extends DomainException {
        private Invalid(String code, String message) {
            super(code, message);
        }
    }

    /** No valid credentials. */
    public static final class Unauthenticated extends DomainException {
        private Unauthenticated(String code, String message) {
            super(code, message);
        }
    }

    /** Known caller, not allowed to do this. */
    public static final class Forbidden extends DomainException {
        private Forbidden(String code, String message) {
            super(code, message);
        }
    }

    /** Unknown, or it exists but the caller may not see it: never hint which. */
    public static final class NotFound extends DomainException {
        private NotFound(String what) {
            super("not_found", what + " not found");
        }
    }

    /** Not possible in the current state (e.g. a call that is no longer ringing). */
    public static final class Conflict extends DomainException {
        private Conflict(String code, String message) {
            super(code, message);
        }
    }

    /** Too many attempts; try again later. */
    public static final class RateLimited extends DomainException {
        private RateLimited(String message) {
            super("rate_limited", message);
        }
    }

    public static Invalid invalid(String message) {
        return new Invalid("bad_request", message);
    }

    /** Invalid input with a more specific code than {@code bad_request}. */
    public static Invalid invalid(String code, String message) {
        return new Invalid(code, message);
    }

    public static Unauthenticated unauthenticated(String message) {
        return new Unauthenticated("unauthorized", message);
    }

    /** No valid credentials, with a more specific code ({@code invalid_token}, {@code user_not_provisioned}...). */
    public static Unauthenticated unauthenticated(String code, String message) {
        return new Unauthenticated(code, message);
    }

    public static Forbidden forbidden(String message) {
        return new Forbidden("forbidden", message);
    }

    /** Known caller, not allowed, with a more specific code ({@code wrong_password}...). */
    public static Forbidden forbidden(String code, String message) {
        return new Forbidden(code, message);
    }

    public static NotFound notFound(String what) {
        return new NotFound(what);
    }

    public static Conflict conflict(String code, String message) {
        return new Conflict(code, message);
    }

    public static RateLimited rateLimited(String message) {
        return new RateLimited(message);
    }
}
