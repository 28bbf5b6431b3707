package dev.callboard.directory;

import dev.callboard.error.DomainException;
import dev.callboard.identity.Role;

/**
 * A user as the host app describes him: the body of {@code PUT /api/users/by-external-id/{id}}, or
 * the claims of a host-signed token. {@code email}, {@code avatarUrl}, {@code role} and {@code active}
 * may be left out: a new user then has none (a client, active); an existing one keeps his.
 */
public record ExternalProfile(String email, String displayName, String avatarUrl, String role, Boolean active) {
    static final int MAX_EXTERNAL_ID_LENGTH = 255;

    /**
     * The checked, normalized values; {@code null} means "not given" (a new user without a name is
     * named after his email, or else his external id).
     */
    public record Valid(String externalId, String email, String displayName, String avatarUrl, Role role, Boolean active) {}

    public Valid validated(String externalId) {
        return new Valid(validExternalId(externalId),
                email == null || email.isBlank() ? null : NewUser.validEmail(email),
                NewUser.validDisplayName(displayName),
                NewUser.validAvatarUrl(avatarUrl),
                role == null ? null : Role.parse(role),
                active);
    }

    /**
     * A profile from what a host's IdP says in a token: an email or avatar that is not usable is
     * dropped rather than refusing the user (a name too); the external id must be valid.
     */
    public static Valid fromClaims(String externalId, String email, String displayName, String avatarUrl, Role role) {
        return new Valid(validExternalId(externalId), usable(email, NewUser::validEmail),
                usable(displayName, NewUser::validDisplayName), usable(avatarUrl, NewUser::validAvatarUrl), role, null);
    }

    private static String usable(String raw, java.util.function.UnaryOperator<String> validation) {
        if (raw == null) return null;
        try {
            return validation.apply(raw);
        } catch (DomainException e) {
            return null;
        }
    }

    /** 1 to 255 characters, none of them a control character (it ends up in logs and URLs). */
    public static String validExternalId(String raw) {
        if (raw == null || raw.isEmpty() || raw.length() > MAX_EXTERNAL_ID_LENGTH
                || raw.chars().anyMatch(Character::isISOControl) || !raw.equals(raw.strip())) {
            throw DomainException.invalid("externalId must be 1 to " + MAX_EXTERNAL_ID_LENGTH
                    + " characters, without control characters or surrounding spaces");
        }
        return raw;
    }
}
