package dev.callboard.directory;

import dev.callboard.error.DomainException;
import dev.callboard.identity.Role;

/**
 * The body of {@code PATCH /api/users/{id}}: the fields given change, the others stay. An empty
 * {@code avatarUrl} removes the avatar. Unknown fields are ignored, so server-owned ones (the id, the
 * password hash) can never be set this way.
 */
public record UserChange(String email, String displayName, String avatarUrl, String role, Boolean active) {

    /** The checked, normalized values; {@code null} means "unchanged" (for the avatar: {@link #avatarGiven}). */
    public record Valid(String email, String displayName, boolean avatarGiven, String avatarUrl, Role role, Boolean active) {}

    public Valid validated() {
        if (email == null && displayName == null && avatarUrl == null && role == null && active == null) {
            throw DomainException.invalid("nothing to change: give email, displayName, avatarUrl, role or active");
        }
        return new Valid(email == null ? null : NewUser.validEmail(email),
                displayName == null ? null : NewUser.validDisplayName(displayName),
                avatarUrl != null, avatarUrl == null ? null : NewUser.validAvatarUrl(avatarUrl),
                role == null ? null : Role.parse(role),
                active);
    }
}
