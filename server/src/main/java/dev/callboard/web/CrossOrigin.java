package dev.callboard.web;

import dev.callboard.auth.AllowedOrigins;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsProcessor;
import org.springframework.web.cors.reactive.CorsUtils;
import org.springframework.web.cors.reactive.DefaultCorsProcessor;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.List;

/**
 * CORS for a host page on another origin: the REST API ({@code /api}) and the SDK and components
 * ({@code /sdk}) answer browsers from the origins in {@code callboard.web.allowed-origins}, the same
 * list that governs the {@code /ws} Origin check. Credentials travel in the {@code Authorization}
 * header, never in cookies, so no {@code Allow-Credentials}. A request from any other origin is
 * refused with 403 {@code origin_not_allowed} before authentication, so it learns nothing. Requests
 * without an Origin, or from Callboard's own origin, pass untouched.
 */
@Component
public class CrossOrigin implements WebFilter, Ordered {
    /** Before authentication: a preflight carries no token, and a refused origin must learn nothing. */
    public static final int ORDER = AuthenticationFilter.ORDER - 10;
    private static final List<String> PREFIXES = List.of("/api/", "/sdk/");

    private final AllowedOrigins origins;
    private final JsonMapper json;
    private final CorsConfiguration policy;
    private final CorsProcessor processor = new DefaultCorsProcessor();

    public CrossOrigin(AllowedOrigins origins, JsonMapper json) {
        this.origins = origins;
        this.json = json;
        this.policy = policy(origins.allowedOrigins());
    }

    private static CorsConfiguration policy(List<String> allowed) {
        CorsConfiguration policy = new CorsConfiguration();
        policy.setAllowedOrigins(allowed);
        policy.setAllowedMethods(List.of(HttpMethod.GET.name(), HttpMethod.HEAD.name(), HttpMethod.POST.name(),
                HttpMethod.PUT.name(), HttpMethod.PATCH.name(), HttpMethod.DELETE.name()));
        policy.setAllowedHeaders(List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE, "Idempotency-Key"));
        policy.setExposedHeaders(List.of(HttpHeaders.RETRY_AFTER, HttpHeaders.LOCATION));
        policy.setAllowCredentials(false);
        policy.setMaxAge(Duration.ofHours(1));
        return policy;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        String origin = request.getHeaders().getOrigin();
        // Compared as text: a malformed Origin is just not on the list (parsing it would throw).
        if (origin == null || !governed(request.getPath().pathWithinApplication().value())
                || AllowedOrigins.isSameOrigin(origin, request.getURI())) {
            return chain.filter(exchange);
        }
        if (!origins.allows(origin)) {
            return ErrorResponses.reject(exchange, json, HttpStatus.FORBIDDEN, "origin_not_allowed",
                    "this origin may not call Callboard (callboard.web.allowed-origins)");
        }
        if (!processor.process(policy, exchange)) {
            return ErrorResponses.reject(exchange, json, HttpStatus.FORBIDDEN, "cors_refused",
                    "allowed: methods GET, HEAD, POST, PUT, PATCH, DELETE; headers Authorization, Content-Type, Idempotency-Key");
        }
        return CorsUtils.isPreFlightRequest(request) ? Mono.empty() : chain.filter(exchange);
    }

    private static boolean governed(String path) {
        return PREFIXES.stream().anyMatch(path::startsWith);
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
