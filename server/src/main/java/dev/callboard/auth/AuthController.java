package dev.callboard.auth;

import dev.callboard.directory.User;
import dev.callboard.directory.UserRepository;
import dev.callboard.error.DomainException;
import dev.callboard.identity.CurrentUser;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.net.InetSocketAddress;

/**
 * Login, logout and "who am I". Blocking (JDBC, Argon2); WebFlux runs these methods on virtual threads
 * ({@code spring.threads.virtual.enabled}). Unknown JSON fields (e.g. {@code role}) are ignored: nothing
 * here can change an account.
 */
@RestController
public class AuthController {
    /** The login body. Only these two fields are read. */
    public record LoginRequest(String email, String password) {}

    private final LoginService logins;
    private final Sessions sessions;
    private final UserRepository users;

    public AuthController(LoginService logins, Sessions sessions, UserRepository users) {
        this.logins = logins;
        this.sessions = sessions;
        this.users = users;
    }

    @PostMapping("/api/auth/login")
    public LoginService.Result login(@RequestBody LoginRequest body, ServerHttpRequest request) {
        return logins.login(body.email(), body.password(), clientIp(request));
    }

    @PostMapping("/api/auth/logout")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void logout(CurrentUser user, ServerHttpRequest request) {
        BearerToken.parse(request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION)).ifPresent(sessions::logout);
    }

    @GetMapping("/api/me")
    public User me(CurrentUser user) {
        return users.findById(user.id()).orElseThrow(() -> DomainException.unauthenticated("account no longer exists"));
    }

    /**
     * The peer address. Behind a reverse proxy set {@code server.forward-headers-strategy=framework}
     * (and let only the proxy reach the server) so this is the real client from {@code X-Forwarded-For}.
     */
    public static String clientIp(ServerHttpRequest request) {
        InetSocketAddress remote = request.getRemoteAddress();
        if (remote == null) return "unknown";
        return remote.getAddress() != null ? remote.getAddress().getHostAddress() : remote.getHostString();
    }
}
