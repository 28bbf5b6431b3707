package dev.callboard.auth;

import dev.callboard.directory.PasswordHasher;
import dev.callboard.directory.User;
import dev.callboard.directory.UserRepository;
import dev.callboard.error.DomainException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.util.Optional;

/**
 * Email + password → bearer token. Unknown email and wrong password fail identically (same status,
 * code and message, and the unknown email still pays for one password hash), so nobody can probe
 * which addresses have accounts. Attempts are rate limited per email and per client IP.
 */
@Service
public class LoginService {
    private static final Logger log = LoggerFactory.getLogger(LoginService.class);
    static final String BAD_CREDENTIALS = "invalid email or password";
    /** Generous caps: real input is far shorter; longer input is refused before any hashing. */
    static final int MAX_EMAIL_LENGTH = 320;
    static final int MAX_PASSWORD_LENGTH = 1024;

    public record Result(String token, Instant expiresAt, User user) {}

    private final UserRepository users;
    private final PasswordHasher hasher;
    private final AuthTokens tokens;
    private final LoginRateLimiter rateLimiter;

    public LoginService(UserRepository users, PasswordHasher hasher, AuthTokens tokens, LoginRateLimiter rateLimiter) {
        this.users = users;
        this.hasher = hasher;
        this.tokens = tokens;
        this.rateLimiter = rateLimiter;
    }

    public Result login(String email, String password, String clientIp) {
        if (email == null || email.isBlank() || password == null || password.isEmpty()) {
            throw DomainException.invalid("email and password are required");
        }
        if (email.length() > MAX_EMAIL_LENGTH || password.length() > MAX_PASSWORD_LENGTH) {
            throw DomainException.invalid("email or password too long");
        }
        String normalized = email.trim();
        if (!rateLimiter.tryAcquire(normalized, clientIp)) {
            log.info("Login rate limit reached for {} from {}", normalized, clientIp);
            throw DomainException.rateLimited("too many login attempts, try again in a minute");
        }
        Optional<UserRepository.Credentials> credentials = users.findCredentials(normalized);
        String hash = credentials.map(UserRepository.Credentials::passwordHash).orElse(null);
        if (!hasher.matches(password, hash)) {
            throw DomainException.unauthenticated(BAD_CREDENTIALS);
        }
        rateLimiter.release(normalized, clientIp);
        User user = credentials.get().user();
        AuthTokens.Issued issued = tokens.issue(user.id());
        return new Result(issued.token(), issued.expiresAt(), user);
    }
}
