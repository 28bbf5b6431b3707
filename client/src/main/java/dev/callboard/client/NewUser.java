package dev.callboard.client;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Body of the admin's {@code POST /api/users}; {@code avatarUrl} is optional. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NewUser(String email, String displayName, Role role, String password, String avatarUrl) {

    public NewUser(String email, String displayName, Role role, String password) {
        this(email, displayName, role, password, null);
    }

    @Override
    public String toString() {
        return "NewUser[email=" + email + ", displayName=" + displayName + ", role=" + role + "]";
    }
}
