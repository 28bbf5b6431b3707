package dev.callboard.identity;

import dev.callboard.error.DomainException;

import java.util.UUID;

/** Who is making this request, as proven by a bearer token or a WebSocket ticket. */
public record CurrentUser(UUID id, Role role) implements Caller {
    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    @Override
    public boolean mayManageUsers() {
        return isAdmin();
    }

    /** For the admin APIs: checked before anything else, so a client learns nothing from them. */
    public void requireAdmin() {
        if (!isAdmin()) throw DomainException.forbidden("admin role required");
    }
}
