package dev.callboard.directory;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.callboard.identity.Role;

import java.util.UUID;

/** A person who can sign in. The password hash never leaves {@link UserRepository}. */
public record User(UUID id, String email, String displayName, Role role, String avatarUrl) {
    @JsonIgnore // derived from role; not part of the wire shape {id, email, displayName, role, avatarUrl}
    public boolean isAdmin() {
        return role == Role.ADMIN;
    }
}
