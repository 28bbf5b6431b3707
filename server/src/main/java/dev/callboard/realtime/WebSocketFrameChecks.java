package dev.callboard.realtime;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.Utf8FrameValidator;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import reactor.netty.NettyPipeline;

import java.io.IOException;

/**
 * What RFC 6455 requires of every frame and Reactor Netty leaves unchecked (it accepts extensions
 * and validates no UTF-8): a text frame that is not UTF-8 closes the socket with 1007, a frame with
 * reserved bits set (Callboard negotiates no extension) with 1002. Both checks sit right behind the
 * frame decoder, on every connection (an HTTP request passes them untouched).
 */
final class WebSocketFrameChecks {
    private static final ChannelHandler RESERVED_BITS = new ReservedBits();
    private static final ChannelHandler QUIET = new QuietProtocolViolations();
    private static final String QUIET_BEHIND_AGGREGATOR = "callboard.ws.quietBehindAggregator";

    private WebSocketFrameChecks() {}

    /**
     * Reading a session adds Reactor Netty's frame aggregator behind the checks; a client that goes
     * away in the middle of a fragmented message makes it raise an error there, which would reach
     * Reactor Netty's log as an uncaught exception. So the quiet handler goes behind it too.
     */
    static void quietBehindAggregator(Channel channel) {
        ChannelPipeline p = channel.pipeline();
        if (p.get(QUIET_BEHIND_AGGREGATOR) == null && p.get(NettyPipeline.ReactiveBridge) != null) {
            p.addBefore(NettyPipeline.ReactiveBridge, QUIET_BEHIND_AGGREGATOR, QUIET);
        }
    }

    static void install(Channel channel) {
        ChannelPipeline p = channel.pipeline();
        add(p, "callboard.ws.utf8", new Utf8FrameValidator(true));
        add(p, "callboard.ws.reservedBits", RESERVED_BITS);
        add(p, "callboard.ws.quiet", QUIET);
    }

    private static void add(ChannelPipeline p, String name, ChannelHandler handler) {
        if (p.get(NettyPipeline.ReactiveBridge) != null) p.addBefore(NettyPipeline.ReactiveBridge, name, handler);
        else p.addLast(name, handler);
    }

    @ChannelHandler.Sharable
    private static final class ReservedBits extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof WebSocketFrame frame && frame.rsv() != 0) {
                frame.release();
                ctx.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.PROTOCOL_ERROR,
                        "reserved bits set, no extension negotiated")).addListener(ChannelFutureListener.CLOSE);
                return;
            }
            ctx.fireChannelRead(msg);
        }
    }

    /**
     * A client's doing, not ours to log: the UTF-8 check has already answered with 1007 and is closing
     * the socket, the peer reset the connection (then the channel is closed, as it would be anyway), or
     * the socket closed in the middle of a fragmented message.
     */
    @ChannelHandler.Sharable
    private static final class QuietProtocolViolations extends ChannelInboundHandlerAdapter {
        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (cause instanceof CorruptedFrameException || cause instanceof PrematureChannelClosureException) return;
            if (cause instanceof IOException) {
                ctx.close();
                return;
            }
            ctx.fireExceptionCaught(cause);
        }
    }
}
