package dev.callboard.identity;

import dev.callboard.identity.Role;

import java.util.UUID;

/** Who is making this request, as proven by a bearer token or a WebSocket ticket. */
public record CurrentUser(UUID id, Role role) {
    public boolean isAdmin() {
        return role == Role.ADMIN;
    }
}
