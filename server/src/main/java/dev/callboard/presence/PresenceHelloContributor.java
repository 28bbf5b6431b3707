package dev.callboard.presence;

import dev.callboard.directory.Directory;
import dev.callboard.directory.User;
import dev.callboard.identity.CurrentUser;
import dev.callboard.messaging.HelloContributor;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Adds {@code presence} (everyone the user may see) and {@code myPresence} (his own, with his choices) to hello. */
@Component
public class PresenceHelloContributor implements HelloContributor {
    private final PresenceEngine engine;
    private final Directory directory;

    public PresenceHelloContributor(PresenceEngine engine, Directory directory) {
        this.engine = engine;
        this.directory = directory;
    }

    @Override
    public void contribute(CurrentUser user, Map<String, Object> hello) {
        List<UUID> ids = directory.visibleTo(user).stream().map(User::id).toList();
        Map<UUID, PresenceView> views = engine.views(ids, user.id());
        hello.put("presence", ids.stream().map(views::get).toList());
        hello.put("myPresence", views.get(user.id()));
    }
}
