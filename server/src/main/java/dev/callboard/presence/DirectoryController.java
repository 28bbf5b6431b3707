package dev.callboard.presence;

import dev.callboard.directory.Directory;
import dev.callboard.directory.User;
import dev.callboard.identity.CurrentUser;
import dev.callboard.presence.PresenceEngine;
import dev.callboard.presence.PresenceView;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;
import java.util.UUID;

@RestController
public class DirectoryController {

    /** One row of the directory: who, and how they are. */
    public record Entry(User user, PresenceView presence) {}

    private final Directory directory;
    private final PresenceEngine presence;

    public DirectoryController(Directory directory, PresenceEngine presence) {
        this.directory = directory;
        this.presence = presence;
    }

    @GetMapping("/api/directory")
    public List<Entry> directory(CurrentUser me) {
        List<User> visible = directory.visibleTo(me);
        Map<UUID, PresenceView> views = presence.views(visible.stream().map(User::id).toList(), me.id());
        return visible.stream().map(u -> new Entry(u, views.get(u.id()))).toList();
    }
}
