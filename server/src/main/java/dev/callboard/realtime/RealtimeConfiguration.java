package dev.callboard.realtime;

import dev.callboard.auth.CurrentUserArgumentResolver;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.reactive.socket.server.support.WebSocketHandlerAdapter;
import org.springframework.web.reactive.socket.server.upgrade.ReactorNettyRequestUpgradeStrategy;
import reactor.netty.http.server.WebsocketServerSpec;

import java.util.Map;

@Configuration(proxyBeanMethods = false)
public class RealtimeConfiguration {

    @Bean
    HandlerMapping realtimeHandlerMapping(RealtimeGateway gateway) {
        return new SimpleUrlHandlerMapping(Map.of("/ws", gateway), -1);
    }

    /** Caps inbound frames (Netty answers a larger one with close code 1009) and hands the authenticated user to the socket. */
    @Bean
    WebSocketHandlerAdapter webSocketHandlerAdapter(RealtimeProperties properties) {
        int max = properties.maxFrameBytes();
        var upgrade = new ReactorNettyRequestUpgradeStrategy(
                () -> WebsocketServerSpec.builder().maxFramePayloadLength(max));
        var service = new HandshakeWebSocketService(upgrade);
        service.setSessionAttributePredicate(CurrentUserArgumentResolver.ATTRIBUTE::equals);
        return new WebSocketHandlerAdapter(service);
    }
}
