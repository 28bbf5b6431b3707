package dev.callboard.directory;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.callboard.identity.Role;

import java.util.UUID;

/**
 * A person who can sign in, unless deactivated ({@code active} false: seen by nobody, history kept).
 * The password hash never leaves {@link UserRepository}. {@code externalId} is the host app's id for
 * a user it manages (null for others); only admins and API keys see it ({@link Directory} drops it
 * for clients). A host-managed user may have no email.
 */
public record User(UUID id, String email, String displayName, Role role, String avatarUrl, boolean active,
                   @JsonInclude(JsonInclude.Include.NON_NULL) String externalId) {
    @JsonIgnore // derived from role; not part of the wire shape {id, email, displayName, role, avatarUrl, active, externalId}
    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    /** As a client may see him: without the host's id. */
    public User withoutExternalId() {
        return externalId == null ? this : new User(id, email, displayName, role, avatarUrl, active, null);
    }
}
