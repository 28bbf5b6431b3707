package dev.callboard.web;

import dev.callboard.auth.Session;
import dev.callboard.error.DomainException;
import dev.callboard.identity.ApiKeyCaller;
import dev.callboard.identity.Caller;
import dev.callboard.identity.CurrentUser;
import org.springframework.core.MethodParameter;
import org.springframework.web.reactive.BindingContext;
import org.springframework.web.reactive.result.method.HandlerMethodArgumentResolver;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Lets controllers take a {@link CurrentUser} (who asks) or a {@link Session} (the credential he asks
 * with) parameter; the auth filter has already put both there. A {@link Caller} parameter is the
 * API key a host backend came with, or else the user; an API key never resolves to a user.
 */
public class CurrentUserArgumentResolver implements HandlerMethodArgumentResolver {
    public static final String ATTRIBUTE = CurrentUser.class.getName();
    public static final String SESSION = Session.class.getName();
    public static final String API_KEY = ApiKeyCaller.class.getName();
    /** {@link System#nanoTime()} when the session's lookup began: an end after it may not have been seen. */
    public static final String SESSION_CHECKED_AT = SESSION + ".checkedAtNanos";

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        Class<?> type = parameter.getParameterType();
        return type == CurrentUser.class || type == Session.class || type == Caller.class;
    }

    @Override
    public Mono<Object> resolveArgument(MethodParameter parameter, BindingContext context, ServerWebExchange exchange) {
        Class<?> type = parameter.getParameterType();
        Object value = type == Session.class ? exchange.getAttribute(SESSION)
                : type == Caller.class && exchange.getAttribute(API_KEY) != null ? exchange.getAttribute(API_KEY)
                : exchange.getAttribute(ATTRIBUTE);
        return value == null ? Mono.error(DomainException.unauthenticated("missing or invalid bearer token")) : Mono.just(value);
    }
}
