package dev.callboard.client;

import java.util.UUID;

/**
 * A Callboard account as the server shows it. {@code email} may be null for a user the host app
 * manages; {@code externalId} is the host app's id for him, shown only to admins and API keys.
 */
public record User(UUID id, String email, String displayName, Role role, String avatarUrl, boolean active,
                   String externalId) {

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }
}
