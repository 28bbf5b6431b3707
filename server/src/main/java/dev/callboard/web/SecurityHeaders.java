package dev.callboard.web;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Headers on every response, the refusals of the filters included. The Content-Security-Policy allows
 * no inline script and no inline style (the web components style themselves with constructable
 * stylesheets, so a host page with {@code style-src 'self'} shows them as this app does). {@code frame-ancestors} comes from
 * {@code callboard.web.frame-ancestors}, so a host app may frame the app. API answers are never
 * stored by a browser or a proxy: they are one user's data, and some carry tokens.
 */
@Component
public class SecurityHeaders implements WebFilter, Ordered {
    private final String contentSecurityPolicy;

    public SecurityHeaders(WebProperties properties) {
        this.contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; "
                + "img-src 'self' data: https:; media-src 'self' blob:; connect-src 'self'; object-src 'none'; "
                + "base-uri 'self'; form-action 'self'; frame-ancestors " + properties.frameAncestors();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        HttpHeaders headers = exchange.getResponse().getHeaders();
        headers.set("Content-Security-Policy", contentSecurityPolicy);
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Referrer-Policy", "no-referrer");
        if (exchange.getRequest().getPath().pathWithinApplication().value().startsWith("/api")) {
            headers.setCacheControl("no-store");
        }
        return chain.filter(exchange);
    }

    @Override
    public int getOrder() {
        return AuthenticationFilter.ORDER - 1;
    }
}
