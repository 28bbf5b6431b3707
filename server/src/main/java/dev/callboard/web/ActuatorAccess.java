package dev.callboard.web;

import dev.callboard.auth.AuthTokens;
import dev.callboard.auth.Session;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;

/**
 * Who may read {@code /actuator}. Health and info stay open (load balancers and probes ask without
 * credentials) but show details only to an admin's bearer token. Everything else (metrics, the
 * Prometheus scrape) needs an admin's token or the static {@code CALLBOARD_METRICS_TOKEN}: the
 * connection gauge alone would let anyone watch other users come and go.
 */
@Component
public class ActuatorAccess implements WebFilter, Ordered {
    private static final List<String> OPEN = List.of("health", "info");

    private final AuthTokens tokens;
    private final byte[] metricsToken;
    private final JsonMapper json;
    private final Scheduler blocking = VirtualThreads.uninterruptible("actuator-auth-");

    public ActuatorAccess(AuthTokens tokens, ActuatorProperties properties, JsonMapper json) {
        this.tokens = tokens;
        String token = properties.metricsToken();
        this.metricsToken = token == null || token.isBlank() ? null : token.getBytes(StandardCharsets.UTF_8);
        this.json = json;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        List<String> segments = AuthenticationFilter.segments(exchange.getRequest().getPath().pathWithinApplication());
        if (segments.isEmpty() || !segments.getFirst().equals("actuator")) return chain.filter(exchange);
        Optional<String> bearer = ErrorResponses.bearerToken(exchange.getRequest());
        boolean open = segments.size() == 1 || OPEN.contains(segments.get(1));
        if (open) {
            if (bearer.isEmpty()) return chain.filter(exchange);
            // An admin sees the health details: show-details when-authorized asks the reactive security context.
            return admin(bearer.get()).flatMap(session -> session
                    .map(s -> chain.filter(exchange).contextWrite(ReactiveSecurityContextHolder.withAuthentication(authenticated(s))))
                    .orElseGet(() -> chain.filter(exchange)));
        }
        if (bearer.isEmpty()) return ErrorResponses.unauthorized(exchange, json);
        if (isMetricsToken(bearer.get())) return chain.filter(exchange);
        return lookup(bearer.get()).flatMap(session -> {
            if (session.isEmpty()) return ErrorResponses.unauthorized(exchange, json);
            if (!session.get().user().isAdmin()) {
                return ErrorResponses.reject(exchange, json, HttpStatus.FORBIDDEN, "forbidden", "admin role required");
            }
            return chain.filter(exchange);
        }).onErrorResume(LookupFailed.class, e -> ErrorResponses.reject(exchange, json, HttpStatus.SERVICE_UNAVAILABLE,
                "database_unavailable", "the token cannot be checked now; try again shortly"));
    }

    /** The token lookup failed (the database is not answering); not an error of what comes after it. */
    private static final class LookupFailed extends RuntimeException {
        LookupFailed(Throwable cause) {
            super(cause.toString(), cause, false, false);
        }
    }

    private Mono<Optional<Session>> lookup(String token) {
        return Mono.fromCallable(() -> tokens.authenticate(token)).subscribeOn(blocking).onErrorMap(LookupFailed::new);
    }

    private Mono<Optional<Session>> admin(String token) {
        return lookup(token).map(s -> s.filter(session -> session.user().isAdmin()))
                .onErrorReturn(Optional.empty());
    }

    private boolean isMetricsToken(String bearer) {
        return metricsToken != null && MessageDigest.isEqual(metricsToken, bearer.getBytes(StandardCharsets.UTF_8));
    }

    private static Authentication authenticated(Session session) {
        return UsernamePasswordAuthenticationToken.authenticated(session.user().id().toString(), null, List.of());
    }

    @Override
    public int getOrder() {
        return AuthenticationFilter.ORDER + 1;
    }
}
