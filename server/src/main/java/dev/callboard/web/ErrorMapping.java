package dev.callboard.web;

import dev.callboard.db.DatabaseGate;
import dev.callboard.error.DomainException;

/**
 * The one translation from a refused request to what a client sees: an HTTP status, a code and a
 * message. REST answers with it ({@link ApiExceptionHandler}) and the WebSocket dispatcher uses the
 * same code and message in its {@code error} frames, so a client gets one vocabulary on both.
 */
public final class ErrorMapping {
    /** What a client is told. */
    public record ClientError(int status, String code, String message) {
        public ErrorBody body() {
            return ErrorBody.of(code, message);
        }
    }

    private ErrorMapping() {}

    public static ClientError of(DomainException e) {
        return new ClientError(status(e), e.code(), e.getMessage());
    }

    public static int status(DomainException e) {
        return switch (e) {
            case DomainException.Invalid i -> 400;
            case DomainException.Unauthenticated u -> 401;
            case DomainException.Forbidden f -> 403;
            case DomainException.NotFound n -> 404;
            case DomainException.Conflict c -> 409;
            case DomainException.RateLimited r -> 429;
        };
    }

    /**
     * A failure that is the client's doing, or null for one that is ours (then the caller logs it
     * and the client is told only {@code internal}). Parsers of client input (Jackson, {@code UUID},
     * enum look-ups) signal bad input with {@link IllegalArgumentException}, so it counts as invalid.
     */
    public static ClientError ofClientMistake(Throwable failure) {
        if (failure instanceof DomainException e) return of(e);
        if (failure instanceof IllegalArgumentException e) return new ClientError(400, "bad_request", e.getMessage());
        return null;
    }

    /**
     * PostgreSQL not answering (no connection within the pool's timeout, a statement past its
     * timeout, a broken connection): 503, try again. Null for anything else.
     */
    public static ClientError ofUnavailableDatabase(Throwable failure) {
        return DatabaseGate.isUnavailable(failure) ? DATABASE_UNAVAILABLE : null;
    }

    static final ClientError DATABASE_UNAVAILABLE =
            new ClientError(503, "database_unavailable", "the database is not answering; try again shortly");

    public static ClientError internal() {
        return new ClientError(500, "internal", "internal error");
    }
}
