package dev.callboard.bench;

import dev.callboard.client.CallboardClient;
import dev.callboard.client.NewUser;
import dev.callboard.client.Role;
import dev.callboard.client.User;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Creates the bench's users through the admin API and logs each in once. Password hashing (Argon2id)
 * makes this the slow part of a large run's set-up, so it runs a few at a time in parallel.
 */
public final class Users {
    /** A user and a bearer token for it. */
    public record BenchUser(UUID id, String email, Role role, String token, CallboardClient client) {}

    private final CallboardClient admin;
    private final String runId;
    private final Semaphore parallel;
    private final AtomicInteger created = new AtomicInteger();

    public Users(CallboardClient admin, int parallelism) {
        this.admin = admin;
        this.runId = Long.toString(System.currentTimeMillis(), 36);
        this.parallel = new Semaphore(parallelism);
    }

    public int created() {
        return created.get();
    }

    public List<BenchUser> create(String label, Role role, int count) {
        String password = "bench-pw-" + runId;
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<BenchUser>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String email = "bench-" + runId + "-" + label + "-" + i + "@bench.local";
                futures.add(pool.submit(() -> {
                    parallel.acquire();
                    try {
                        User user = admin.createUser(new NewUser(email, label + " " + email.hashCode(), role, password, null));
                        CallboardClient client = admin.withToken(admin.withToken(null).login(email, password).token());
                        created.incrementAndGet();
                        return new BenchUser(user.id(), email, role, client.token(), client);
                    } finally {
                        parallel.release();
                    }
                }));
            }
            List<BenchUser> users = new ArrayList<>(count);
            for (Future<BenchUser> f : futures) users.add(f.get());
            return users;
        } catch (Exception e) {
            throw new IllegalStateException("could not create bench users: " + e.getMessage(), e);
        }
    }
}
