package dev.callboard.realtime;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.reactive.socket.server.upgrade.ReactorNettyRequestUpgradeStrategy;
import reactor.netty.http.server.WebsocketServerSpec;

import java.util.Map;

@Configuration(proxyBeanMethods = false)
public class RealtimeConfiguration implements WebFluxConfigurer {
    private final RealtimeProperties properties;

    public RealtimeConfiguration(RealtimeProperties properties) {
        this.properties = properties;
    }

    @Bean
    HandlerMapping realtimeHandlerMapping(RealtimeGateway gateway) {
        return new SimpleUrlHandlerMapping(Map.of("/ws", gateway), -1);
    }

    /**
     * Caps inbound frames (Netty answers a larger one with close code 1009) and hands the user the
     * auth filter authenticated to the gateway.
     */
    @Override
    public WebSocketService getWebSocketService() {
        int max = properties.maxFrameBytes();
        var upgrade = new ReactorNettyRequestUpgradeStrategy(() -> WebsocketServerSpec.builder().maxFramePayloadLength(max));
        return new AuthenticatedWebSocketService(upgrade);
    }
}
