package dev.callboard.auth;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Settings of {@code callboard.auth.jwt.*}: access tokens signed by the host app's identity provider
 * (verified against its JWKS, RS256 or ES256) or by the host backend with a shared HS256 secret. Off
 * unless {@code jwk-set-uri} or {@code hs256-secret} is set; then {@code issuer} and {@code audience}
 * must be set too, since a token for another app of the same IdP must not work here.
 *
 * @param jwkSetUri         the IdP's JWKS ({@code CALLBOARD_JWT_JWK_SET_URI}); fetched on first use, so
 *                          an IdP that is down does not stop Callboard from starting
 * @param hs256Secret       a shared secret of at least 32 bytes ({@code CALLBOARD_JWT_HS256_SECRET})
 * @param issuer            the exact {@code iss} ({@code CALLBOARD_JWT_ISSUER})
 * @param audience          a value {@code aud} must contain ({@code CALLBOARD_JWT_AUDIENCE})
 * @param clockSkew         leeway on {@code exp} and {@code nbf} (default 30s)
 * @param jitProvisioning   create the user on first sight of his subject (default true); when false an
 *                          unknown subject gets 401 {@code user_not_provisioned}
 * @param emailClaim        claim holding the email (default {@code email})
 * @param nameClaim         claim holding the display name (default {@code name}; then
 *                          {@code preferred_username}, the email, the subject)
 * @param avatarClaim       claim holding the avatar URL (default {@code picture})
 * @param roleClaim         claim (or dotted path, e.g. {@code realm_access.roles}) holding the role, a
 *                          string or a list; unset (default) leaves roles to Callboard's admin API, and
 *                          new users are clients
 * @param adminRoleValues   values of that claim that make an admin (default {@code admin})
 */
@ConfigurationProperties("callboard.auth.jwt")
public record HostJwtProperties(URI jwkSetUri,
                                String hs256Secret,
                                String issuer,
                                String audience,
                                Duration clockSkew,
                                Boolean jitProvisioning,
                                String emailClaim,
                                String nameClaim,
                                String avatarClaim,
                                String roleClaim,
                                List<String> adminRoleValues) {
    static final int MIN_SECRET_BYTES = 32;

    public HostJwtProperties {
        if (hs256Secret != null && hs256Secret.isBlank()) hs256Secret = null;
        if (jwkSetUri != null && jwkSetUri.toString().isBlank()) jwkSetUri = null;
        if (clockSkew == null || clockSkew.isNegative()) clockSkew = Duration.ofSeconds(30);
        if (jitProvisioning == null) jitProvisioning = true;
        if (emailClaim == null || emailClaim.isBlank()) emailClaim = "email";
        if (nameClaim == null || nameClaim.isBlank()) nameClaim = "name";
        if (avatarClaim == null || avatarClaim.isBlank()) avatarClaim = "picture";
        if (roleClaim != null && roleClaim.isBlank()) roleClaim = null;
        if (adminRoleValues == null || adminRoleValues.isEmpty()) adminRoleValues = List.of("admin");
        if (jwkSetUri != null || hs256Secret != null) {
            if (issuer == null || issuer.isBlank() || audience == null || audience.isBlank()) {
                throw new IllegalArgumentException("callboard.auth.jwt: issuer and audience are required "
                        + "when jwk-set-uri or hs256-secret is set");
            }
            if (hs256Secret != null && hs256Secret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
                throw new IllegalArgumentException("callboard.auth.jwt.hs256-secret must be at least "
                        + MIN_SECRET_BYTES + " bytes");
            }
        }
    }

    public boolean enabled() {
        return jwkSetUri != null || hs256Secret != null;
    }
}
