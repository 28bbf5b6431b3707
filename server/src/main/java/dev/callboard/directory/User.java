package dev.callboard.directory;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.callboard.identity.Role;

import java.util.UUID;

/**
 * A person who can sign in, unless deactivated ({@code active} false: seen by nobody, history kept).
 * The password hash never leaves {@link UserRepository}.
 */
public record User(UUID id, String email, String displayName, Role role, String avatarUrl, boolean active) {
    @JsonIgnore // derived from role; not part of the wire shape {id, email, displayName, role, avatarUrl, active}
    public boolean isAdmin() {
        return role == Role.ADMIN;
    }
}
