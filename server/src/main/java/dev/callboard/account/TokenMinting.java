package dev.callboard.account;

import dev.callboard.auth.AuthTokens;
import dev.callboard.directory.ExternalProfile;
import dev.callboard.directory.ExternalUsers;
import dev.callboard.directory.User;
import dev.callboard.directory.UserRepository;
import dev.callboard.error.DomainException;
import dev.callboard.identity.ApiKeyCaller;
import dev.callboard.identity.Caller;
import dev.callboard.identity.Ids;
import org.springframework.stereotype.Service;

import java.time.Duration;
import java.time.Instant;

/**
 * {@code POST /api/tokens}: the host backend, with an API key, gets a short-lived Callboard token for
 * one of its users (by Callboard id or by its own external id), creating or updating the user first
 * if it sends his profile: the LiveKit / Stream model, no Callboard password involved. Only users the
 * host manages (with an external id) get one: a key cannot become one of Callboard's own accounts.
 */
@Service
public class TokenMinting {
    static final Duration DEFAULT_TTL = Duration.ofHours(1);
    static final Duration MIN_TTL = Duration.ofMinutes(1);
    static final Duration MAX_TTL = Duration.ofHours(24);

    /**
     * Exactly one of {@code userId} and {@code externalId}; {@code user} (with {@code externalId}) creates
     * or updates him first; {@code ttlSeconds} from 60 to 86,400 (default 3,600).
     */
    public record Request(String userId, String externalId, ExternalProfile user, Long ttlSeconds) {}

    public record Minted(String token, Instant expiresAt, User user) {}

    private final AuthTokens tokens;
    private final UserRepository users;
    private final AccountLifecycle lifecycle;
    private final ExternalUsers externalUsers;

    public TokenMinting(AuthTokens tokens, UserRepository users, AccountLifecycle lifecycle, ExternalUsers externalUsers) {
        this.tokens = tokens;
        this.users = users;
        this.lifecycle = lifecycle;
        this.externalUsers = externalUsers;
    }

    public Minted mint(Caller caller, Request request) {
        if (!(caller instanceof ApiKeyCaller key)) throw DomainException.forbidden("minting tokens needs an API key");
        Duration ttl = ttl(request.ttlSeconds());
        boolean byId = request.userId() != null;
        if (byId == (request.externalId() != null)) throw DomainException.invalid("give exactly one of userId and externalId");
        if (byId && request.user() != null) throw DomainException.invalid("user (a profile to upsert) goes with externalId");
        User user = byId ? byId(request.userId())
                : request.user() != null ? lifecycle.upsert(caller, request.externalId(), request.user()).after()
                : externalUsers.find(ExternalProfile.validExternalId(request.externalId()))
                        .orElseThrow(() -> DomainException.notFound("user"));
        if (user.externalId() == null) {
            // accounts made in Callboard (its admins among them) sign in themselves: a key is not a master key
            throw DomainException.forbidden("not_host_managed", "tokens can be minted only for users the host manages (with an externalId)");
        }
        if (!user.active()) throw DomainException.conflict("user_deactivated", "this user has been deactivated");
        AuthTokens.Issued issued = tokens.issueMinted(user.id(), key.keyId(), ttl)
                .orElseThrow(() -> DomainException.unauthenticated("invalid_api_key", "unknown or revoked API key"));
        return new Minted(issued.token(), issued.expiresAt(), user);
    }

    private User byId(String raw) {
        return users.findLiving(Ids.parseOrNotFound(raw, "user")).orElseThrow(() -> DomainException.notFound("user"));
    }

    private static Duration ttl(Long seconds) {
        if (seconds == null) return DEFAULT_TTL;
        Duration ttl = Duration.ofSeconds(seconds);
        if (ttl.compareTo(MIN_TTL) < 0 || ttl.compareTo(MAX_TTL) > 0) {
            throw DomainException.invalid("ttlSeconds must be from " + MIN_TTL.toSeconds() + " to " + MAX_TTL.toSeconds());
        }
        return ttl;
    }
}
