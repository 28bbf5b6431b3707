package dev.callboard.web;

import dev.callboard.error.DomainException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebInputException;
import reactor.netty.channel.AbortedException;

/**
 * Maps every controller failure onto {@link ErrorBody}, so clients see one error shape: domain
 * failures through {@link ErrorMapping}, and the framework's own (unreadable body, unknown route).
 */
@RestControllerAdvice
public class ApiExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler({DomainException.class, IllegalArgumentException.class})
    public ResponseEntity<ErrorBody> refused(RuntimeException e) {
        return respond(ErrorMapping.ofClientMistake(e));
    }

    @ExceptionHandler(WebExchangeBindException.class)
    public ResponseEntity<ErrorBody> invalid(WebExchangeBindException e) {
        String message = e.getFieldErrors().stream()
                .map(f -> f.getField() + " " + f.getDefaultMessage())
                .findFirst().orElse("invalid request");
        return ResponseEntity.badRequest().body(ErrorBody.of("bad_request", message));
    }

    @ExceptionHandler(ServerWebInputException.class)
    public ResponseEntity<ErrorBody> unreadable(ServerWebInputException e) {
        return ResponseEntity.badRequest().body(ErrorBody.of("bad_request", "malformed request: " + e.getReason()));
    }

    @ExceptionHandler(ResponseStatusException.class)
    public ResponseEntity<ErrorBody> status(ResponseStatusException e) {
        HttpStatus status = HttpStatus.resolve(e.getStatusCode().value());
        String code = status == null ? "error" : status.name().toLowerCase();
        return ResponseEntity.status(e.getStatusCode())
                .body(ErrorBody.of(code, e.getReason() == null ? code.replace('_', ' ') : e.getReason()));
    }

    @ExceptionHandler(Exception.class)
    public ResponseEntity<ErrorBody> unexpected(Exception e) {
        if (AbortedException.isConnectionReset(e) || e instanceof AbortedException) {
            log.debug("Client went away before the answer: {}", e.toString()); // nobody to answer
            return null;
        }
        ErrorMapping.ClientError unavailable = ErrorMapping.ofUnavailableDatabase(e);
        if (unavailable != null) {
            log.warn("Database unavailable: {}", e.toString());
            return respond(unavailable);
        }
        log.error("Unhandled error", e);
        return respond(ErrorMapping.internal());
    }

    private static ResponseEntity<ErrorBody> respond(ErrorMapping.ClientError error) {
        return ResponseEntity.status(error.status()).body(error.body());
    }
}
