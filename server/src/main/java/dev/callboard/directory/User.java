package dev.callboard.directory;

import java.util.UUID;

/** A person who can sign in. The password hash never leaves {@link UserRepository}. */
public record User(UUID id, String email, String displayName, Role role, String avatarUrl) {
    public boolean isAdmin() {
        return role == Role.ADMIN;
    }
}
