package dev.callboard.auth;

import dev.callboard.directory.Role;

import java.util.UUID;

/** Who is making this request, as proven by a bearer token or a WebSocket ticket. */
public record CurrentUser(UUID id, Role role) {
    public boolean isAdmin() {
        return role == Role.ADMIN;
    }
}
