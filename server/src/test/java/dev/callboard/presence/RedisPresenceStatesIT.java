package dev.callboard.presence;

import dev.callboard.cluster.ClusterProperties;
import dev.callboard.cluster.ClusterWire;
import dev.callboard.cluster.RedisCluster;
import dev.callboard.directory.User;
import dev.callboard.directory.UserRepository;
import dev.callboard.identity.Role;
import dev.callboard.messaging.EventBus;
import dev.callboard.messaging.EventCodec;
import dev.callboard.messaging.OutboundEvent;
import dev.callboard.support.Migrated;
import dev.callboard.support.MutableClock;
import dev.callboard.support.TestRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two nodes' engines on one real Redis and one PostgreSQL, changing the same users at the same
 * moment, many times over: no change may be lost, and the view every node reads (and the last one
 * announced) must be what the rules make of the final state.
 */
class RedisPresenceStatesIT {
    private static final int ROUNDS = 40;
    private static final int DEVICES_PER_NODE = 8;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T09:00:00Z"));
    private final String prefix = "cbtest:" + UUID.randomUUID() + ":";
    private Migrated db;
    private UserRepository users;
    private Node one;
    private Node two;

    /** One node: its Redis connections and its engine. */
    private final class Node implements AutoCloseable {
        final RedisCluster redis;
        final PresenceEngine engine;
        final PresenceStatusWriter writer;

        Node() {
            redis = new RedisCluster(new ClusterProperties(TestRedis.url(), prefix, null, null, null, null));
            PresenceStore store = new PresenceStore(db.jdbc);
            writer = new PresenceStatusWriter(store, clock);
            EventBus nowhere = new EventBus() {
                public void toUsers(Collection<UUID> userIds, OutboundEvent event) {}
                public void toDevice(UUID userId, String deviceId, OutboundEvent event) {}
                public void toWatchersOf(UUID subjectId, Role role, OutboundEvent event) {}
            };
            PresenceRecomputer changes = new PresenceRecomputer(PresenceThresholds.defaults(), clock);
            var states = RedisPresenceStates.create(redis, new ClusterWire(new EventCodec(JsonMapper.builder().build())),
                    store, writer, nowhere, changes, clock);
            engine = new PresenceEngine(states, store, writer, changes, (u, d, c) -> {});
        }

        @Override
        public void close() throws Exception {
            writer.close();
            redis.close();
        }
    }

    @BeforeEach
    void start() {
        db = new Migrated();
        users = new UserRepository(db.jdbc);
        one = new Node();
        two = new Node();
    }

    @AfterEach
    void stop() throws Exception {
        one.close();
        two.close();
        db.close();
    }

    @Test
    void devicesConnectingOnTwoNodesAtOnceAreAllKept() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2 * DEVICES_PER_NODE);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                User user = users.create("u" + round + "-" + UUID.randomUUID() + "@x.test", "U", Role.CLIENT, null, "x");
                CountDownLatch go = new CountDownLatch(1);
                List<Future<?>> done = new ArrayList<>();
                for (int i = 0; i < DEVICES_PER_NODE; i++) {
                    String device = "d" + i;
                    long connection = 1000L * round + i;
                    done.add(pool.submit(() -> {
                        go.await();
                        one.engine.deviceConnected(user.id(), Role.CLIENT, "one-" + device, connection);
                        return null;
                    }));
                    done.add(pool.submit(() -> {
                        go.await();
                        two.engine.deviceConnected(user.id(), Role.CLIENT, "two-" + device, connection + 500);
                        return null;
                    }));
                }
                go.countDown();
                for (Future<?> f : done) f.get();

                assertThat(one.engine.liveDevices(user.id())).as("round " + round).hasSize(2 * DEVICES_PER_NODE);
                assertThat(two.engine.view(user.id(), false).status()).isEqualTo(PresenceStatus.AVAILABLE);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void inCallCountsFromTwoNodesAtOnceAddUpAndTheLastViewIsRight() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                User user = users.create("c" + round + "-" + UUID.randomUUID() + "@x.test", "C", Role.ADMIN, null, "x");
                one.engine.deviceConnected(user.id(), Role.ADMIN, "phone", 1);
                CountDownLatch go = new CountDownLatch(1);
                List<Future<?>> done = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    done.add(pool.submit(() -> {
                        go.await();
                        one.engine.callStarted(user.id());
                        return null;
                    }));
                    done.add(pool.submit(() -> {
                        go.await();
                        two.engine.callStarted(user.id());
                        return null;
                    }));
                }
                go.countDown();
                for (Future<?> f : done) f.get();
                assertThat(two.engine.isInCall(user.id())).isTrue();
                assertThat(one.engine.view(user.id(), false).status()).isEqualTo(PresenceStatus.IN_A_CALL);

                // Seven of the eight calls end, from both nodes at once: still in a call.
                CountDownLatch again = new CountDownLatch(1);
                done.clear();
                for (int i = 0; i < 7; i++) {
                    Node node = i % 2 == 0 ? one : two;
                    done.add(pool.submit(() -> {
                        again.await();
                        node.engine.callEnded(user.id());
                        return null;
                    }));
                }
                again.countDown();
                for (Future<?> f : done) f.get();
                assertThat(two.engine.view(user.id(), false).status()).as("round " + round).isEqualTo(PresenceStatus.IN_A_CALL);
                one.engine.callEnded(user.id());
                assertThat(two.engine.view(user.id(), false).status()).isEqualTo(PresenceStatus.AVAILABLE);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aDeadNodesDevicesAreRemovedAndTheUserIsRecomputed() {
        User user = users.create("n-" + UUID.randomUUID() + "@x.test", "N", Role.CLIENT, null, "x");
        one.engine.deviceConnected(user.id(), Role.CLIENT, "on-one", 1);
        two.engine.deviceConnected(user.id(), Role.CLIENT, "on-two", 2);
        clock.advance(Duration.ofSeconds(1));

        one.engine.nodeGone(two.redis.nodeId(), List.of(user.id()));
        assertThat(one.engine.liveDevices(user.id())).containsExactly("on-one");

        one.engine.nodeGone(one.redis.nodeId(), List.of(user.id()));
        PresenceView after = two.engine.view(user.id(), false);
        assertThat(after.status()).isEqualTo(PresenceStatus.OFFLINE);
        assertThat(after.lastSeenAt()).isEqualTo(Instant.parse("2026-11-24T09:00:01Z"));
    }

    @Test
    void aHeartbeatWithoutNewInputWritesNothingToRedisYetKeepsTheDeviceLive() {
        User user = users.create("q-" + UUID.randomUUID() + "@x.test", "Q", Role.CLIENT, null, "x");
        one.engine.deviceConnected(user.id(), Role.CLIENT, "laptop", 1);
        String key = prefix + "presence:" + user.id();
        String version = one.redis.commands().hget(key, "ver");

        for (int i = 0; i < 10; i++) {
            clock.advance(Duration.ofSeconds(10));
            one.engine.heartbeat(user.id(), Role.CLIENT, "laptop", 1, null, true);
        }
        one.engine.sweep(); // 100 s since connecting, more than 3 heartbeat intervals: live because it was heard
        assertThat(two.engine.liveDevices(user.id())).containsExactly("laptop");
        assertThat(one.engine.liveDevices(user.id())).containsExactly("laptop");
        assertThat(one.redis.commands().hget(key, "ver")).as("no write for quiet heartbeats").isEqualTo(version);

        one.engine.heartbeat(user.id(), Role.CLIENT, "laptop", 1, clock.instant(), true);
        assertThat(one.redis.commands().hget(key, "ver")).as("new input is shared").isNotEqualTo(version);
        one.engine.heartbeat(user.id(), Role.CLIENT, "laptop", 1, null, false);
        assertThat(two.engine.view(user.id(), false).status()).isEqualTo(PresenceStatus.AVAILABLE);
    }

    @Test
    void eachNodeSweepsOnlyItsOwnSilentDevices() {
        User user = users.create("s-" + UUID.randomUUID() + "@x.test", "S", Role.CLIENT, null, "x");
        one.engine.deviceConnected(user.id(), Role.CLIENT, "on-one", 1);
        two.engine.deviceConnected(user.id(), Role.CLIENT, "on-two", 2);
        clock.advance(PresenceThresholds.defaults().deviceTimeout().plusSeconds(1));
        two.engine.heartbeat(user.id(), Role.CLIENT, "on-two", 2, null, true);

        two.engine.sweep(); // node two hears nothing of "on-one": not its device to drop
        assertThat(two.engine.liveDevices(user.id())).containsExactlyInAnyOrder("on-one", "on-two");
        one.engine.sweep();
        assertThat(two.engine.liveDevices(user.id())).containsExactly("on-two");
    }
}
