package dev.callboard.directory;

import dev.callboard.identity.CurrentUser;
import org.springframework.stereotype.Service;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Users as a given viewer may see them; anything invisible is reported exactly like something missing. */
@Service
public class Directory {
    private final UserRepository users;

    public Directory(UserRepository users) {
        this.users = users;
    }

    public List<User> visibleTo(CurrentUser viewer) {
        List<User> visible = users.findVisibleTo(viewer.id(), viewer.role());
        return viewer.isAdmin() ? visible : visible.stream().map(User::withoutExternalId).toList();
    }

    /** The user with this id if the viewer may see him; empty for unknown, invisible or malformed ids alike. */
    public Optional<User> visibleUser(CurrentUser viewer, String rawId) {
        UUID id;
        try {
            id = UUID.fromString(rawId);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return users.findById(id)
                .filter(u -> u.active() || u.id().equals(viewer.id()))
                .filter(u -> VisibilityPolicy.canSee(viewer.id(), viewer.role(), u.id(), u.role()))
                .map(u -> viewer.isAdmin() ? u : u.withoutExternalId());
    }
}
