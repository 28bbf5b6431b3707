package dev.callboard.auth;

import dev.callboard.directory.ExternalProfile;
import dev.callboard.error.DomainException;
import dev.callboard.identity.Role;
import org.springframework.security.oauth2.jwt.Jwt;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a Callboard user out of a verified host token's claims, as {@link HostJwtProperties} names
 * them: {@code sub} is the external id; a claim that is missing or unusable (an email that is not
 * one, an avatar that is not an http(s) URL) is left out rather than failing the token, and what is
 * left out stays as it was.
 */
final class HostClaims {
    static final int MAX_NAME_LENGTH = 100;

    private HostClaims() {}

    static ExternalProfile.Valid profile(Jwt jwt, HostJwtProperties properties) {
        String name = text(jwt, properties.nameClaim()).or(() -> text(jwt, "preferred_username"))
                .map(n -> n.strip().length() > MAX_NAME_LENGTH ? n.strip().substring(0, MAX_NAME_LENGTH) : n)
                .orElse(null);
        Role role = properties.roleClaim() == null ? null : role(claim(jwt.getClaims(), properties.roleClaim()), properties);
        try {
            return ExternalProfile.fromClaims(jwt.getSubject(), text(jwt, properties.emailClaim()).orElse(null), name,
                    text(jwt, properties.avatarClaim()).orElse(null), role);
        } catch (DomainException e) {
            throw new HostJwtVerifier.Rejected("the token's subject cannot be a Callboard user: " + e.getMessage());
        }
    }

    private static Role role(Object claim, HostJwtProperties properties) {
        Collection<?> values = claim instanceof Collection<?> c ? c : claim == null ? List.of() : List.of(claim);
        return values.stream().map(String::valueOf).anyMatch(properties.adminRoleValues()::contains) ? Role.ADMIN : Role.CLIENT;
    }

    /** A claim by name, or by a dotted path into nested objects ({@code realm_access.roles}). */
    static Object claim(Map<String, Object> claims, String path) {
        if (claims.containsKey(path)) return claims.get(path);
        Object current = claims;
        for (String part : path.split("\\.")) {
            if (!(current instanceof Map<?, ?> map)) return null;
            current = map.get(part);
        }
        return current;
    }

    private static Optional<String> text(Jwt jwt, String claim) {
        return claim(jwt.getClaims(), claim) instanceof String s && !s.isBlank() ? Optional.of(s) : Optional.empty();
    }
}
