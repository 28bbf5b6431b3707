package dev.callboard.bench;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;

import java.util.concurrent.CompletableFuture;

/** One bench WebSocket: send text, receive frames with their arrival time (System.nanoTime). */
public final class WsConnection {
    /** Called on the connection's event loop; must not block. */
    public interface Listener {
        void onFrame(WsConnection connection, String text, long arrivedNanos);

        default void onClosed(WsConnection connection) {
        }
    }

    private final String deviceId;
    private final Listener listener;
    private final CompletableFuture<WsConnection> ready = new CompletableFuture<>();
    private volatile Channel channel;
    private volatile boolean open;
    private volatile String hello;
    private volatile int closeCode = -1;
    private volatile String closeReason;

    WsConnection(String deviceId, Listener listener) {
        this.deviceId = deviceId;
        this.listener = listener;
    }

    public String deviceId() {
        return deviceId;
    }

    public String hello() {
        return hello;
    }

    public boolean isOpen() {
        return open;
    }

    public Channel channel() {
        return channel;
    }

    CompletableFuture<WsConnection> ready() {
        return ready;
    }

    void attach(Channel channel) {
        this.channel = channel;
    }

    void received(String text, long arrivedNanos) {
        if (!ready.isDone()) { // the server always sends hello first
            hello = text;
            open = true;
            ready.complete(this);
            return;
        }
        listener.onFrame(this, text, arrivedNanos);
    }

    /** The close code the server sent, -1 when it sent none (yet). */
    public int closeCode() {
        return closeCode;
    }

    public String closeReason() {
        return closeReason;
    }

    void closedBy(int code, String reason) {
        closeCode = code;
        closeReason = reason;
    }

    void closed() {
        boolean wasOpen = open;
        open = false;
        if (!ready.isDone()) ready.completeExceptionally(new IllegalStateException("closed before hello"));
        if (wasOpen) listener.onClosed(this);
    }

    void failed(Throwable cause) {
        open = false;
        ready.completeExceptionally(cause);
    }

    /** Queues a text frame; safe from any thread. */
    public void send(String text) {
        Channel c = channel;
        if (c != null && open) c.writeAndFlush(new TextWebSocketFrame(text));
    }

    public void close() {
        Channel c = channel;
        if (c != null) c.close();
    }
}
