package dev.callboard.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;

import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Many WebSocket clients on one Netty event loop group: a connection costs a channel and a few
 * handlers, not a thread. Authenticates with {@code Authorization: Bearer} on the upgrade.
 */
public final class WsClients implements AutoCloseable {
    private final EventLoopGroup group;
    private final URI wsBase;
    private final Semaphore handshakes;

    /** @param maxPendingHandshakes upgrades in flight at once, so a large ramp-up does not flood the server's accept queue */
    public WsClients(URI httpBase, int threads, int maxPendingHandshakes) {
        this.group = new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory());
        String scheme = "https".equals(httpBase.getScheme()) ? "wss" : "ws";
        this.wsBase = URI.create(scheme + "://" + httpBase.getHost() + ":" + port(httpBase) + "/ws");
        this.handshakes = new Semaphore(maxPendingHandshakes);
    }

    private static int port(URI uri) {
        if (uri.getPort() > 0) return uri.getPort();
        return "https".equals(uri.getScheme()) ? 443 : 80;
    }

    public EventLoopGroup group() {
        return group;
    }

    /** Opens one connection; completes once the server's {@code hello} has arrived. */
    public CompletableFuture<WsConnection> connect(String token, String deviceId, WsConnection.Listener listener) {
        WsConnection connection = new WsConnection(deviceId, listener);
        URI uri = URI.create(wsBase + "?deviceId=" + deviceId);
        DefaultHttpHeaders headers = new DefaultHttpHeaders();
        headers.set(HttpHeaderNames.AUTHORIZATION, "Bearer " + token);
        WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
                .webSocketUri(uri).version(WebSocketVersion.V13).customHeaders(headers)
                .maxFramePayloadLength(16 << 20).handshakeTimeoutMillis(60_000)
                .absoluteUpgradeUrl(false).handleCloseFrames(false).build();
        try {
            handshakes.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CompletableFuture.failedFuture(e);
        }
        connection.ready().whenComplete((c, e) -> handshakes.release());
        ChannelFuture f = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 30_000)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(1 << 16),
                                new WebSocketClientProtocolHandler(config), new WebSocketFrameAggregator(16 << 20),
                                new FrameHandler(connection));
                    }
                }).connect(wsBase.getHost(), port(wsBase));
        f.addListener(done -> {
            if (!done.isSuccess()) connection.failed(done.cause());
            else connection.attach(f.channel());
        });
        return connection.ready();
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static final class FrameHandler extends SimpleChannelInboundHandler<WebSocketFrame> {
        private final WsConnection connection;

        FrameHandler(WsConnection connection) {
            this.connection = connection;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
            if (frame instanceof TextWebSocketFrame text) {
                connection.received(text.text(), System.nanoTime());
            } else if (frame instanceof CloseWebSocketFrame close) {
                connection.closedBy(close.statusCode(), close.reasonText());
                ctx.close();
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            connection.closed();
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            connection.failed(cause);
            ctx.close();
        }
    }
}
