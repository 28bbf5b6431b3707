package dev.callboard.auth;

import dev.callboard.directory.ExternalProfile;
import dev.callboard.directory.ExternalUsers;
import dev.callboard.directory.User;
import dev.callboard.error.DomainException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.jwt.Jwt;

import java.util.Optional;

/**
 * Host-signed access tokens as Callboard sessions. The first time a token is seen it is verified
 * ({@link HostJwtVerifier}), its subject becomes a user (created just in time, or kept in step with
 * the claims) and the token is recorded by its hash until it expires; after that it is looked up
 * exactly like a login token, so a logout, a deactivation and expiry end it on every node, and a
 * WebSocket ticket can belong to it.
 */
public class HostTokens {
    private static final Logger log = LoggerFactory.getLogger(HostTokens.class);
    /** Far above any real access token; refusing longer input early bounds the work a stranger can cause. */
    static final int MAX_LENGTH = 16 * 1024;

    private final HostJwtVerifier verifier;
    private final HostJwtProperties properties;
    private final AuthTokens tokens;
    private final ExternalUsers users;
    private final Sessions sessions;

    public HostTokens(HostJwtVerifier verifier, HostJwtProperties properties, AuthTokens tokens,
                      ExternalUsers users, Sessions sessions) {
        this.verifier = verifier;
        this.properties = properties;
        this.tokens = tokens;
        this.users = users;
        this.sessions = sessions;
    }

    /**
     * @throws DomainException.Unauthenticated with code {@code invalid_token}, {@code user_not_provisioned}
     *                                         or {@code user_deactivated}
     * @throws HostJwtVerifier.KeysUnavailable if the IdP's keys cannot be fetched
     */
    public Session authenticate(String token) {
        if (token.length() > MAX_LENGTH) throw invalid("token too long");
        byte[] hash = SecretTokens.sha256(token);
        Optional<Session> known = tokens.sessionOf(hash);
        if (known.isPresent()) return known.get();
        Jwt jwt;
        ExternalProfile.Valid claimed;
        try {
            jwt = verifier.verify(token);
            claimed = HostClaims.profile(jwt, properties);
        } catch (HostJwtVerifier.Rejected e) {
            throw invalid(e.getMessage());
        }
        if (tokens.isRevoked(hash)) throw invalid("this token has been revoked");
        User user = provision(claimed);
        tokens.recordHostSession(hash, user.id(), jwt.getExpiresAt());
        return tokens.sessionOf(hash).orElseThrow(() -> invalid("this token has been revoked"));
    }

    private User provision(ExternalProfile.Valid claimed) {
        Optional<User> existing = users.find(claimed.externalId());
        if (existing.isPresent() && !existing.get().active()) {
            throw DomainException.unauthenticated("user_deactivated", "this user has been deactivated");
        }
        if (existing.isEmpty() && users.wasDeleted(claimed.externalId())) {
            throw DomainException.unauthenticated("user_deleted",
                    "this user was deleted; only the host can create him again (PUT /api/users/by-external-id/{id})");
        }
        if (existing.isEmpty() && !properties.jitProvisioning()) {
            throw DomainException.unauthenticated("user_not_provisioned",
                    "no Callboard user has this subject; the host must create it first (PUT /api/users/by-external-id/{id})");
        }
        ExternalUsers.Upserted upserted;
        try {
            upserted = users.upsert(claimed, ExternalUsers.ExistingEmail.REFUSE);
        } catch (DomainException.Conflict e) {
            if (!e.code().equals("last_admin")) {
                throw DomainException.unauthenticated("user_not_provisioned",
                        "this token's email belongs to another Callboard user; link the two with PUT /api/users/by-external-id/{id}");
            }
            log.warn("A token for {} says he is no longer an admin, but he is the last active admin: his role stays",
                    claimed.externalId());
            upserted = users.upsert(withoutRole(claimed), ExternalUsers.ExistingEmail.REFUSE);
        }
        if (upserted.created()) log.info("Provisioned user {} for host subject {}", upserted.after().id(), claimed.externalId());
        if (upserted.roleChanged()) sessions.closeSocketsOf(upserted.after().id());
        return upserted.after();
    }

    private static ExternalProfile.Valid withoutRole(ExternalProfile.Valid p) {
        return new ExternalProfile.Valid(p.externalId(), p.email(), p.displayName(), p.avatarUrl(), null, p.active());
    }

    private static DomainException.Unauthenticated invalid(String message) {
        return DomainException.unauthenticated("invalid_token", message);
    }
}
