package dev.callboard.client;

import java.util.UUID;

/** A Callboard account as the server shows it. */
public record User(UUID id, String email, String displayName, Role role, String avatarUrl) {

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }
}
