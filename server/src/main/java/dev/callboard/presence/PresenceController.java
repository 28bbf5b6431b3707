package dev.callboard.presence;

import dev.callboard.directory.Directory;
import dev.callboard.directory.User;
import dev.callboard.error.DomainException;
import dev.callboard.identity.CurrentUser;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

@RestController
@RequestMapping("/api/presence")
public class PresenceController {
    private final PresenceEngine engine;
    private final Directory directory;

    public PresenceController(PresenceEngine engine, Directory directory) {
        this.engine = engine;
        this.directory = directory;
    }

    @GetMapping("/{userId}")
    public PresenceView one(CurrentUser me, @PathVariable String userId) {
        User user = directory.visibleUser(me, userId).orElseThrow(() -> DomainException.notFound("user"));
        return engine.view(user.id(), user.id().equals(me.id()));
    }

    /** {@code status=online} means any status but offline; any other value filters on that exact status. */
    @GetMapping
    public List<PresenceView> list(CurrentUser me, @RequestParam(required = false) String status) {
        PresenceStatus exact = status == null || status.equals("online") ? null : parseStatus(status);
        boolean onlineOnly = "online".equals(status);
        List<User> visible = directory.visibleTo(me);
        Map<java.util.UUID, PresenceView> views = engine.views(visible.stream().map(User::id).toList(), me.id());
        return visible.stream().map(u -> views.get(u.id()))
                .filter(v -> !onlineOnly || v.status().isOnline())
                .filter(v -> exact == null || v.status() == exact)
                .toList();
    }

    @PutMapping("/me")
    public PresenceView set(CurrentUser me, @RequestBody JsonNode body) {
        return engine.choose(me.id(), me.role(), PresenceUpdate.parse(body));
    }

    private static PresenceStatus parseStatus(String status) {
        try {
            return PresenceStatus.parse(status);
        } catch (DomainException.Invalid e) {
            throw DomainException.invalid("status must be 'online' or one of available, away, be_right_back, busy, in_a_call, do_not_disturb, offline");
        }
    }
}
