package dev.callboard.web;

import dev.callboard.auth.Session;
import dev.callboard.error.DomainException;
import dev.callboard.identity.CurrentUser;
import org.springframework.core.MethodParameter;
import org.springframework.web.reactive.BindingContext;
import org.springframework.web.reactive.result.method.HandlerMethodArgumentResolver;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Lets controllers take a {@link CurrentUser} (who asks) or a {@link Session} (the credential he asks
 * with) parameter; the auth filter has already put both there.
 */
public class CurrentUserArgumentResolver implements HandlerMethodArgumentResolver {
    public static final String ATTRIBUTE = CurrentUser.class.getName();
    public static final String SESSION = Session.class.getName();
    /** {@link System#nanoTime()} when the session's lookup began: an end after it may not have been seen. */
    public static final String SESSION_CHECKED_AT = SESSION + ".checkedAtNanos";

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == CurrentUser.class || parameter.getParameterType() == Session.class;
    }

    @Override
    public Mono<Object> resolveArgument(MethodParameter parameter, BindingContext context, ServerWebExchange exchange) {
        Object value = exchange.getAttribute(parameter.getParameterType() == Session.class ? SESSION : ATTRIBUTE);
        return value == null ? Mono.error(DomainException.unauthenticated("missing or invalid bearer token")) : Mono.just(value);
    }
}
