package dev.callboard.directory;

import java.util.UUID;

/**
 * Who may see whom — the single place this rule lives. An admin sees everyone; a client sees
 * admins and himself, and must never learn that other clients exist (not in lists, counts,
 * errors, events or history). Calling follows the same rule: you may call whom you may see.
 */
public final class VisibilityPolicy {
    private VisibilityPolicy() {}

    public static boolean canSee(UUID viewerId, Role viewerRole, UUID targetId, Role targetRole) {
        return viewerRole == Role.ADMIN || targetRole == Role.ADMIN || viewerId.equals(targetId);
    }

    /** Whether every client (not only admins and the user himself) may see changes of this user. */
    public static boolean visibleToAllClients(Role targetRole) {
        return targetRole == Role.ADMIN;
    }
}
