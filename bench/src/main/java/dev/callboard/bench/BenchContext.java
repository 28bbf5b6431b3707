package dev.callboard.bench;

import dev.callboard.client.CallboardClient;
import dev.callboard.client.Role;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** What every scenario shares: the server, the admin API, the Netty clients, the console. */
public final class BenchContext implements AutoCloseable {
    private final ServerTarget target;
    private final CallboardClient admin;
    private final ServerProbe probe;
    private final WsClients ws;
    private final Users users;
    private final Options options;
    private final PrintStream out;

    public BenchContext(ServerTarget target, Options options, PrintStream out) {
        this.target = target;
        this.options = options;
        this.out = out;
        this.admin = CallboardClient.builder(target.baseUri())
                .httpClient(CallboardClient.Builder.defaultHttpClient())
                .requestTimeout(java.time.Duration.ofSeconds(60))
                .build();
        CallboardClient loggedIn = admin.withToken(admin.login(target.adminEmail(), target.adminPassword()).token());
        this.probe = new ServerProbe(loggedIn, target.metricsToken());
        this.users = new Users(loggedIn, 4);
        this.ws = new WsClients(target.baseUri(), options.integer("threads", 2), 256);
    }

    public ServerTarget target() {
        return target;
    }

    public ServerProbe probe() {
        return probe;
    }

    public Options options() {
        return options;
    }

    public PrintStream out() {
        return out;
    }

    public List<Users.BenchUser> createUsers(String label, Role role, int count) {
        try (Progress p = new Progress(out, "creating " + count + " " + label + " users", () -> users.created() + " created")) {
            return users.create(label, role, count);
        }
    }

    /** Opens one connection per (user, device) pair and waits for every hello. */
    public List<WsConnection> connect(String label, List<Users.BenchUser> owners, int count, WsConnection.Listener listener) {
        return connect(label, owners, count, listener, c -> { });
    }

    /** As above; {@code onOpen} runs for each connection as soon as its hello arrives. */
    public List<WsConnection> connect(String label, List<Users.BenchUser> owners, int count, WsConnection.Listener listener,
                                      java.util.function.Consumer<WsConnection> onOpen) {
        AtomicInteger open = new AtomicInteger();
        java.util.ArrayList<CompletableFuture<WsConnection>> futures = new java.util.ArrayList<>(count);
        try (Progress p = new Progress(out, "connecting " + count + " " + label, () -> open.get() + " open")) {
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                Users.BenchUser owner = owners.get(i % owners.size());
                CompletableFuture<WsConnection> f = ws.connect(owner.token(), label + "-" + i, listener);
                f.thenAccept(c -> {
                    open.incrementAndGet();
                    onOpen.accept(c);
                });
                futures.add(f);
            }
            java.util.ArrayList<WsConnection> connections = new java.util.ArrayList<>(count);
            for (CompletableFuture<WsConnection> f : futures) connections.add(f.get(120, TimeUnit.SECONDS));
            double seconds = (System.nanoTime() - start) / 1e9;
            out.printf("  connected %d %s in %.2f s (%.0f upgrades with hello per second)%n", count, label, seconds, count / seconds);
            return connections;
        } catch (Exception e) {
            throw new IllegalStateException("connecting " + label + " failed after " + open.get() + " of " + count + ": " + e, e);
        }
    }

    @Override
    public void close() {
        ws.close();
    }
}
