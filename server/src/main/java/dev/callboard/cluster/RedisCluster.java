package dev.callboard.cluster;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisException;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * This node's connections to Redis, its identity in the cluster, and the key names. Commands fail
 * at once while Redis is unreachable (never queue), so a Redis outage degrades the node instead of
 * stalling it; whoever sees a command fail calls {@link #unavailable}, and {@link NodeLease} notices
 * when Redis is back and tells the {@link ClusterListener}s to put their state back.
 */
public final class RedisCluster implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RedisCluster.class);

    private final String nodeId = UUID.randomUUID().toString();
    private final String prefix;
    private final ClusterProperties properties;
    private final ClientResources resources;
    private final RedisClient client;
    private volatile StatefulRedisConnection<String, String> connection;
    private volatile StatefulRedisPubSubConnection<String, String> pubSub;
    private volatile Consumer<String> onMessage;
    private final List<ClusterListener> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean available = true;
    /** When Redis last came back; {@code null} if it never went away. */
    private volatile Instant backAt;
    private final Clock clock;
    private final Duration settleAfter;
    private volatile boolean closing;

    public RedisCluster(ClusterProperties properties) {
        this(properties, Clock.systemUTC());
    }

    public RedisCluster(ClusterProperties properties, Clock clock) {
        this.clock = clock;
        this.settleAfter = properties.leaseTtl().plus(properties.leaseRenew());
        this.prefix = properties.keyPrefix();
        this.properties = properties;
        // Try to reconnect every half second: Lettuce's default backs off to 30 s, which would keep
        // the cluster apart for that long after Redis is back.
        this.resources = DefaultClientResources.builder().reconnectDelay(Delay.constant(Duration.ofMillis(500))).build();
        this.client = RedisClient.create(resources, RedisURI.create(properties.redisUrl()));
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(properties.commandTimeout()))
                // An idle pub/sub socket silently dropped by a NAT or proxy would otherwise go unnoticed.
                .socketOptions(SocketOptions.builder().keepAlive(true).build())
                .build());
        // Losing either connection loses events (pub/sub does not replay): treat it as an outage, so
        // that the node resyncs and re-sends hello once Redis is back.
        client.addListener(new RedisConnectionStateListener() {
            @Override
            public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
                if (!closing) unavailable(new RedisException("connection to Redis lost"));
            }
        });
        if (!connect()) {
            available = false; // starts cut off; NodeLease connects once Redis answers, then the node resyncs
            log.warn("Redis at {} is unreachable; starting with this node's users only", properties.redisUrl().replaceAll("//[^@]*@", "//***@"));
        }
    }

    /**
     * Connects both connections if they are not yet (a node may start while Redis is down; once made,
     * Lettuce reconnects them by itself).
     *
     * @return whether both are made
     */
    synchronized boolean connect() {
        try {
            if (connection == null) connection = client.connect();
            if (pubSub == null) {
                StatefulRedisPubSubConnection<String, String> ps = client.connectPubSub();
                try {
                    if (onMessage != null) listen(ps, onMessage);
                } catch (RedisException e) {
                    ps.close();
                    throw e;
                }
                pubSub = ps;
            }
            return true;
        } catch (RedisException e) {
            return false;
        }
    }

    public String nodeId() {
        return nodeId;
    }

    public Duration commandTimeout() {
        return properties.commandTimeout();
    }

    /** How long the presence of a user with no device and no call stays in Redis. */
    public Duration idleStateTtl() {
        return properties.idleStateTtl();
    }

    public RedisCommands<String, String> commands() {
        return connection().sync();
    }

    public StatefulRedisConnection<String, String> connection() {
        StatefulRedisConnection<String, String> c = connection;
        if (c == null) throw new RedisException("not connected to Redis yet");
        return c;
    }

    public String key(String name) {
        return prefix + name;
    }

    public String eventsChannel() {
        return prefix + "events";
    }

    public String leaseKey(String node) {
        return prefix + "node:" + node + ":lease";
    }

    /** The users with a device on {@code node}: what survivors clean up if it dies. */
    public String nodeUsersKey(String node) {
        return prefix + "node:" + node + ":users";
    }

    public String nodesKey() {
        return prefix + "nodes";
    }

    /** Every message on the events channel goes to {@code onMessage}, from now on and after every reconnect. */
    public synchronized void subscribe(Consumer<String> onMessage) {
        this.onMessage = onMessage;
        if (pubSub != null) listen(pubSub, onMessage);
    }

    private void listen(StatefulRedisPubSubConnection<String, String> ps, Consumer<String> onMessage) {
        String channel = eventsChannel();
        ps.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String ch, String message) {
                if (!channel.equals(ch)) return;
                try {
                    onMessage.accept(message);
                } catch (RuntimeException e) {
                    log.warn("Dropped a malformed cluster message", e);
                }
            }
        });
        ps.sync().subscribe(channel);
    }

    /** Runs a Lua script by its digest, sending the text only when Redis does not know it (after a restart). */
    public Object eval(Script script, ScriptOutputType type, String[] keys, String... args) {
        try {
            return commands().evalsha(script.sha, type, keys, args);
        } catch (RedisNoScriptException e) {
            return commands().eval(script.text, type, keys, args);
        }
    }

    public boolean isAvailable() {
        return available;
    }

    public synchronized void unavailable(RuntimeException cause) {
        if (available) {
            available = false;
            log.warn("Redis is unavailable; serving this node's users on their own until it is back: {}", cause.toString());
            Thread.ofVirtual().name("cluster-redis-lost").start(() -> {
                for (ClusterListener l : listeners) l.redisLost();
            });
        }
    }

    /** Redis counts as available again (after this node's state is back in it). */
    public synchronized void backAgain() {
        available = true;
        backAt = clock.instant();
    }

    /**
     * Whether Redis shows every node's devices: it is available, and since it came back every other
     * node has had a lease period and a renewal to put its devices back (one that has not by then is
     * dead and gets reaped). Until then a device missing from Redis may just not be back yet.
     */
    public boolean isSettled() {
        Instant back = backAt;
        return available && (back == null || !clock.instant().isBefore(back.plus(settleAfter)));
    }

    public void addListener(ClusterListener listener) {
        listeners.add(listener);
    }

    List<ClusterListener> listeners() {
        return listeners;
    }

    @Override
    public void close() {
        closing = true;
        if (pubSub != null) pubSub.close();
        if (connection != null) connection.close();
        client.shutdown();
        resources.shutdown();
    }

    /** A Lua script and its SHA-1 digest (what EVALSHA names it by). */
    public record Script(String text, String sha) {
        public static Script of(String text) {
            try {
                byte[] digest = MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
                return new Script(text, HexFormat.of().formatHex(digest));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
