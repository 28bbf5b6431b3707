package dev.callboard.web;

import dev.callboard.auth.AllowedOrigins;
import dev.callboard.auth.ApiKeys;
import dev.callboard.auth.Credentials;
import dev.callboard.auth.HostJwtVerifier;
import dev.callboard.auth.Session;
import dev.callboard.auth.WsTickets;
import dev.callboard.db.DatabaseGate;
import dev.callboard.error.DomainException;
import dev.callboard.identity.ApiKeyCaller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.cors.reactive.CorsUtils;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Authenticates {@code /api/**} (except login and the presence beacon) by bearer token, and the
 * WebSocket upgrade {@code /ws} by bearer token or single-use {@code ticket}, after an exact Origin
 * check. A bearer token is a login or API-minted token, or a host-signed JWT ({@link Credentials});
 * an API key ({@code cbk_...}) is accepted only where a host backend needs one ({@link #API_KEY_PATHS}). On success the {@link Session} and its user go into the exchange ({@link CurrentUserArgumentResolver});
 * otherwise the request ends here with the JSON error body (401, or 403 for a foreign Origin), so a
 * WebSocket is never upgraded unauthenticated (503 if the lookup itself fails). Everything else (static files, actuator, OpenAPI)
 * passes untouched. Database lookups run on virtual threads, never on the event loop.
 */
@Component
public class AuthenticationFilter implements WebFilter, Ordered, DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(AuthenticationFilter.class);
    /** Early, but after anything that wants to see every request (e.g. observation or CORS filters). */
    public static final int ORDER = -100;
    private static final List<List<String>> PUBLIC_API = List.of(
            List.of("api", "auth", "login"),
            List.of("api", "realtime", "beacon"));
    /** Where an API key works (a trailing {@code *} matches one segment); anywhere else it is refused. */
    static final List<List<String>> API_KEY_PATHS = List.of(
            List.of("api", "tokens"),
            List.of("api", "users", "by-external-id", "*"));

    private final Credentials credentials;
    private final ApiKeys apiKeys;
    private final WsTickets tickets;
    private final AllowedOrigins origins;
    private final JsonMapper json;
    /** A client that goes away mid-lookup must not interrupt it: an interrupt inside JDBC breaks the pooled connection. */
    private final Scheduler blocking = VirtualThreads.uninterruptible("auth-");

    private final DatabaseGate gate;

    public AuthenticationFilter(Credentials credentials, ApiKeys apiKeys, WsTickets tickets, AllowedOrigins origins,
                                JsonMapper json, DatabaseGate gate) {
        this.gate = gate;
        this.credentials = credentials;
        this.apiKeys = apiKeys;
        this.tickets = tickets;
        this.origins = origins;
        this.json = json;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        List<String> segments = segments(request.getPath().pathWithinApplication());
        if (isWebSocket(segments)) {
            String origin = request.getHeaders().getOrigin();
            if (origin != null && !origins.allows(origin) && !AllowedOrigins.isSameOrigin(origin, request.getURI())) {
                return reject(exchange, HttpStatus.FORBIDDEN, "forbidden", "origin not allowed");
            }
            Optional<String> bearer = bearerToken(request);
            String ticket = request.getQueryParams().getFirst("ticket");
            if (bearer.isPresent() && !ApiKeys.looksLikeKey(bearer.get())) {
                return authenticate(exchange, chain, () -> Optional.of(credentials.authenticate(bearer.get())));
            }
            if (bearer.isEmpty() && ticket != null) return authenticate(exchange, chain, () -> tickets.redeem(ticket));
            return unauthorized(exchange);
        }
        if (!isProtectedApi(segments) || CorsUtils.isPreFlightRequest(request)) {
            return chain.filter(exchange);
        }
        Optional<String> bearer = bearerToken(request);
        if (bearer.isEmpty()) return unauthorized(exchange);
        if (ApiKeys.looksLikeKey(bearer.get())) {
            if (!takesApiKey(segments)) {
                return reject(exchange, HttpStatus.FORBIDDEN, "api_key_not_allowed",
                        "an API key works only for POST /api/tokens and /api/users/by-external-id/{id}");
            }
            return authenticateKey(exchange, chain, bearer.get());
        }
        return authenticate(exchange, chain, () -> Optional.of(credentials.authenticate(bearer.get())));
    }

    private Mono<Void> authenticate(ServerWebExchange exchange, WebFilterChain chain,
                                    Supplier<Optional<Session>> lookup) {
        long started = System.nanoTime();
        return lookup(exchange, lookup)
                .flatMap(session -> {
                    if (session.isEmpty()) return unauthorized(exchange);
                    exchange.getAttributes().put(CurrentUserArgumentResolver.ATTRIBUTE, session.get().user());
                    exchange.getAttributes().put(CurrentUserArgumentResolver.SESSION, session.get());
                    exchange.getAttributes().put(CurrentUserArgumentResolver.SESSION_CHECKED_AT, started);
                    return chain.filter(exchange);
                });
    }

    private Mono<Void> authenticateKey(ServerWebExchange exchange, WebFilterChain chain, String key) {
        return lookup(exchange, () -> apiKeys.authenticate(key))
                .flatMap(caller -> {
                    if (caller.isEmpty()) {
                        return ErrorResponses.unauthorized(exchange, json, "invalid_api_key", "unknown or revoked API key");
                    }
                    exchange.getAttributes().put(CurrentUserArgumentResolver.API_KEY, caller.get());
                    return chain.filter(exchange);
                });
    }

    /**
     * Runs the lookup off the event loop, behind the database gate. A refused credential answers 401
     * with its reason; a lookup that cannot be made (database or IdP down) answers 503.
     */
    private <T> Mono<Optional<T>> lookup(ServerWebExchange exchange, Supplier<Optional<T>> lookup) {
        return Mono.fromCallable(() -> gate.through(lookup))
                .subscribeOn(blocking)
                .onErrorResume(e -> {
                    if (e instanceof DomainException.Unauthenticated refused) {
                        return ErrorResponses.unauthorized(exchange, json, refused.code(), refused.getMessage()).then(Mono.empty());
                    }
                    if (e instanceof HostJwtVerifier.KeysUnavailable) {
                        log.warn("The identity provider's keys could not be fetched: {}", e.getMessage());
                        return reject(exchange, HttpStatus.SERVICE_UNAVAILABLE, "identity_provider_unavailable",
                                "the identity provider's keys cannot be fetched; try again shortly").then(Mono.empty());
                    }
                    log.warn("Authentication lookup failed: {}", e.toString());
                    return reject(exchange, HttpStatus.SERVICE_UNAVAILABLE, "database_unavailable",
                            "authentication is temporarily unavailable; try again shortly").then(Mono.empty());
                });
    }

    static boolean takesApiKey(List<String> segments) {
        return API_KEY_PATHS.stream().anyMatch(pattern -> pattern.size() == segments.size()
                && java.util.stream.IntStream.range(0, pattern.size())
                        .allMatch(i -> pattern.get(i).equals("*") || pattern.get(i).equals(segments.get(i))));
    }

    /**
     * Path segments as the router sees them: percent-decoded, matrix parameters dropped, empty segments
     * ({@code //}) skipped. Deciding on these (not on the raw string) means no spelling of a protected
     * path slips past the filter.
     */
    static List<String> segments(PathContainer path) {
        return path.elements().stream()
                .filter(e -> e instanceof PathContainer.PathSegment)
                .map(e -> ((PathContainer.PathSegment) e).valueToMatch())
                .filter(s -> !s.isEmpty())
                .toList();
    }

    static boolean isWebSocket(List<String> segments) {
        return segments.size() == 1 && segments.getFirst().equals("ws");
    }

    /** Fails closed: anything whose first segment even looks like {@code api} needs a token. */
    static boolean isProtectedApi(List<String> segments) {
        return !segments.isEmpty()
                && segments.getFirst().toLowerCase(Locale.ROOT).startsWith("api")
                && !PUBLIC_API.contains(segments);
    }

    private static Optional<String> bearerToken(ServerHttpRequest request) {
        return ErrorResponses.bearerToken(request);
    }

    private Mono<Void> unauthorized(ServerWebExchange exchange) {
        return ErrorResponses.unauthorized(exchange, json);
    }

    private Mono<Void> reject(ServerWebExchange exchange, HttpStatus status, String code, String message) {
        return ErrorResponses.reject(exchange, json, status, code, message);
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public void destroy() {
        blocking.dispose();
    }
}
