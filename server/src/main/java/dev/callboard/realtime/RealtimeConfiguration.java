package dev.callboard.realtime;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationPredicate;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
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

    @Bean
    Gauge openConnectionsGauge(ConnectionRegistry registry, MeterRegistry meters) {
        return Gauge.builder("callboard.realtime.connections", registry, ConnectionRegistry::size)
                .description("WebSocket connections open on this node").register(meters);
    }

    /**
     * No {@code http.server.requests} observation for {@code /ws}: for a WebSocket the "request" lasts
     * as long as the socket, so the observation and its context (request, headers, tags) stayed on
     * the heap for every open connection, and its timing would only measure how long sockets live.
     * The upgrade itself is still counted by the gateway's own connection count.
     */
    @Bean
    ObservationPredicate noRequestObservationForWebSockets() {
        return (name, context) -> !(context instanceof ServerRequestObservationContext request
                && "/ws".equals(request.getCarrier().getPath().pathWithinApplication().value()));
    }

    /** RFC 6455's checks on every frame that Reactor Netty leaves out (see {@link WebSocketFrameChecks}). */
    @Bean
    NettyServerCustomizer webSocketFrameChecks() {
        return server -> server.doOnChannelInit((observer, channel, remote) -> WebSocketFrameChecks.install(channel));
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
