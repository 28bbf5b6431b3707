package dev.callboard.web;

import dev.callboard.error.DomainException;
import dev.callboard.identity.CurrentUser;
import org.springframework.core.MethodParameter;
import org.springframework.web.reactive.BindingContext;
import org.springframework.web.reactive.result.method.HandlerMethodArgumentResolver;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Lets controllers take a {@link CurrentUser} parameter; the auth filter has already put it there. */
public class CurrentUserArgumentResolver implements HandlerMethodArgumentResolver {
    public static final String ATTRIBUTE = CurrentUser.class.getName();

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == CurrentUser.class;
    }

    @Override
    public Mono<Object> resolveArgument(MethodParameter parameter, BindingContext context, ServerWebExchange exchange) {
        CurrentUser user = exchange.getAttribute(ATTRIBUTE);
        return user == null ? Mono.error(DomainException.unauthenticated("missing or invalid bearer token")) : Mono.just(user);
    }
}
