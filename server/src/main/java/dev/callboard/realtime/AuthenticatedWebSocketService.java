package dev.callboard.realtime;

import dev.callboard.auth.Session;
import dev.callboard.web.CurrentUserArgumentResolver;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.server.RequestUpgradeStrategy;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;

/**
 * Hands the session the auth filter put on the upgrade request to the gateway. (Spring copies only
 * WebSession attributes into a socket, and Callboard has no WebSession.)
 */
final class AuthenticatedWebSocketService extends HandshakeWebSocketService {

    AuthenticatedWebSocketService(RequestUpgradeStrategy upgradeStrategy) {
        super(upgradeStrategy);
    }

    @Override
    public Mono<Void> handleRequest(ServerWebExchange exchange, WebSocketHandler handler) {
        Session signedIn = exchange.getAttribute(CurrentUserArgumentResolver.SESSION);
        Long checkedAt = exchange.getAttribute(CurrentUserArgumentResolver.SESSION_CHECKED_AT);
        if (signedIn != null && handler instanceof RealtimeGateway gateway) {
            Object nativeRequest = ServerHttpRequestDecorator.getNativeRequest(exchange.getRequest());
            return super.handleRequest(exchange, session -> {
                Mono<Void> handled = gateway.handle(session, signedIn, checkedAt == null ? System.nanoTime() : checkedAt);
                // the gateway has started reading, which put Reactor Netty's frame aggregator in place
                if (nativeRequest instanceof Connection connection) WebSocketFrameChecks.quietBehindAggregator(connection.channel());
                return handled;
            });
        }
        return super.handleRequest(exchange, handler);
    }
}
