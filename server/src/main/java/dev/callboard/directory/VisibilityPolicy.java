package dev.callboard.directory;

import dev.callboard.identity.Role;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Who may see whom — the single place this rule lives. An admin sees everyone; a client sees
 * admins and himself, and must never learn that other clients exist (not in lists, counts,
 * errors, events or history). Calling follows the same rule: you may call whom you may see.
 * <p>
 * The rule is {@link #rolesSeenBy}; everything else is derived from it: {@link #canSee} for one
 * pair, the directory query ({@code UserRepository.findVisibleTo}) and the presence fan-out
 * ({@link #rolesThatSee}, read by the event bus).
 */
public final class VisibilityPolicy {
    /** {@link #rolesThatSee} for every role, worked out once: the fan-out asks on every presence change. */
    private static final Map<Role, Set<Role>> WATCHER_ROLES = new EnumMap<>(Role.class);

    static {
        for (Role subject : Role.values()) {
            Set<Role> watchers = EnumSet.noneOf(Role.class);
            for (Role viewer : Role.values()) {
                if (rolesSeenBy(viewer).contains(subject)) watchers.add(viewer);
            }
            WATCHER_ROLES.put(subject, Collections.unmodifiableSet(watchers));
        }
    }

    private VisibilityPolicy() {}

    /** The roles of the other users a viewer of this role may see (everyone sees himself too). */
    public static Set<Role> rolesSeenBy(Role viewerRole) {
        return switch (viewerRole) {
            case ADMIN -> EnumSet.allOf(Role.class);
            case CLIENT -> EnumSet.of(Role.ADMIN);
        };
    }

    /** The roles of the users who may see a subject of this role: the rule above, read the other way. */
    public static Set<Role> rolesThatSee(Role subjectRole) {
        return WATCHER_ROLES.get(subjectRole);
    }

    public static boolean canSee(UUID viewerId, Role viewerRole, UUID targetId, Role targetRole) {
        return viewerId.equals(targetId) || rolesSeenBy(viewerRole).contains(targetRole);
    }
}
