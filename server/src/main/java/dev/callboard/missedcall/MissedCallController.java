package dev.callboard.missedcall;

import dev.callboard.call.Call;
import dev.callboard.identity.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.UUID;

@RestController
@RequestMapping("/api/missed-calls")
public class MissedCallController {
    private final MissedCallService service;

    public MissedCallController(MissedCallService service) {
        this.service = service;
    }

    @GetMapping
    public MissedCallService.Page list(CurrentUser user,
                                       @RequestParam(required = false) Boolean unseen,
                                       @RequestParam(required = false) String cursor,
                                       @RequestParam(required = false) Integer limit) {
        return service.list(user, Boolean.TRUE.equals(unseen), cursor, limit);
    }

    @GetMapping("/unseen-count")
    public MissedCallService.Count unseenCount(CurrentUser user) {
        return service.unseenCount(user);
    }

    @PostMapping("/{id}/seen")
    public MissedCallService.Count seen(CurrentUser user, @PathVariable UUID id) {
        return service.markSeen(user, id);
    }

    @PostMapping("/seen")
    public MissedCallService.Count allSeen(CurrentUser user) {
        return service.markAllSeen(user);
    }

    @PostMapping("/{id}/call-back")
    public ResponseEntity<Call> callBack(CurrentUser user, @PathVariable UUID id,
                                         @RequestHeader(value = "Idempotency-Key", required = false) String key) {
        return ResponseEntity.status(HttpStatus.CREATED).body(service.callBack(user, id, key));
    }
}
