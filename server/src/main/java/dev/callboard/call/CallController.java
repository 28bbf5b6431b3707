package dev.callboard.call;

import dev.callboard.error.DomainException;
import dev.callboard.identity.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.UUID;

/** REST for calls. The caller is always the token's user; ids in bodies name only the callee. */
@RestController
@RequestMapping("/api/calls")
public class CallController {
    public record CreateRequest(String calleeId, String media) {}

    public record AnswerRequest(String deviceId) {}

    public record ReasonRequest(String reason) {}

    private final CallSetup setup;
    private final CallService calls;
    private final CallHistory history;

    public CallController(CallSetup setup, CallService calls, CallHistory history) {
        this.setup = setup;
        this.calls = calls;
        this.history = history;
    }

    @PostMapping
    public ResponseEntity<Call> create(CurrentUser user, @RequestBody CreateRequest body,
                                       @RequestHeader(value = "Idempotency-Key", required = false) String key) {
        if (body.calleeId() == null) throw DomainException.invalid("calleeId is required");
        Media media = Media.parse(body.media());
        Call call = setup.create(user, uuid(body.calleeId(), "calleeId"), media, key).call();
        return ResponseEntity.status(HttpStatus.CREATED).body(call);
    }

    @GetMapping("/{id}")
    public Call get(CurrentUser user, @PathVariable UUID id) {
        return calls.get(user, id);
    }

    @PostMapping("/{id}/answer")
    public Call answer(CurrentUser user, @PathVariable UUID id, @RequestBody(required = false) AnswerRequest body) {
        return calls.answer(user, id, body == null ? null : body.deviceId());
    }

    @PostMapping("/{id}/decline")
    public Call decline(CurrentUser user, @PathVariable UUID id, @RequestBody(required = false) ReasonRequest body) {
        return calls.decline(user, id, reason(body));
    }

    @PostMapping("/{id}/cancel")
    public Call cancel(CurrentUser user, @PathVariable UUID id, @RequestBody(required = false) ReasonRequest body) {
        return calls.cancel(user, id, reason(body));
    }

    @PostMapping("/{id}/hangup")
    public Call hangup(CurrentUser user, @PathVariable UUID id, @RequestBody(required = false) ReasonRequest body) {
        return calls.hangup(user, id, reason(body));
    }

    @GetMapping("/history")
    public CallHistory.Page history(CurrentUser user,
                                    @RequestParam(required = false) String direction,
                                    @RequestParam(required = false) String status,
                                    @RequestParam(required = false) UUID userId,
                                    @RequestParam(required = false) String cursor,
                                    @RequestParam(required = false) Integer limit) {
        return history.list(user, userId, direction, status, cursor, limit);
    }

    private static String reason(ReasonRequest body) {
        return body == null ? null : body.reason();
    }

    static UUID uuid(String value, String field) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid(field + " is not a valid id");
        }
    }
}
