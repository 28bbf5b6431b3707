package dev.callboard.identity;

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
}
