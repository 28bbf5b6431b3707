package dev.callboard.bench;

import dev.callboard.client.Call;
import dev.callboard.client.Media;
import dev.callboard.client.Role;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;

/**
 * P pairs, each calling in a loop: invite → ring → answer → an SDP offer and answer relayed over the
 * sockets → hang-up; a share of the calls is cancelled while ringing instead (a missed call for the
 * callee). Callers are clients and callees admins, since a client may only see (and call) admins.
 */
public final class CallsScenario implements Scenario {
    private final int pairs;
    private final double missedShare;
    private final Latency inviteToRing = new Latency();
    private final Latency answerToAnswered = new Latency();
    private final Latency signalRelay = new Latency();
    private final LongAdder completed = new LongAdder();
    private final LongAdder missed = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private final List<Thread> loops = new ArrayList<>();
    private final List<Inbox> callers = new ArrayList<>();
    private final List<Inbox> callees = new ArrayList<>();
    private final List<Users.BenchUser> callerUsers = new ArrayList<>();
    private final List<Users.BenchUser> calleeUsers = new ArrayList<>();
    private volatile boolean running;
    private volatile boolean counting;
    private volatile String lastFailure;

    public CallsScenario(int pairs, double missedShare) {
        this.pairs = pairs;
        this.missedShare = missedShare;
    }

    @Override
    public String name() {
        return "calls";
    }

    @Override
    public void setUp(BenchContext context) {
        callerUsers.addAll(context.createUsers("caller", Role.CLIENT, pairs));
        calleeUsers.addAll(context.createUsers("callee", Role.ADMIN, pairs));
        for (int i = 0; i < pairs; i++) {
            callers.add(new Inbox());
            callees.add(new Inbox());
        }
        connect(context, "caller", callerUsers, callers);
        connect(context, "callee", calleeUsers, callees);
    }

    private static void connect(BenchContext context, String label, List<Users.BenchUser> users, List<Inbox> inboxes) {
        for (int i = 0; i < users.size(); i++) {
            Inbox inbox = inboxes.get(i);
            inbox.connection = context.connect(label + i, List.of(users.get(i)), 1, inbox).getFirst();
        }
    }

    @Override
    public void start() {
        running = true;
        for (int i = 0; i < pairs; i++) {
            int pair = i;
            loops.add(Thread.ofVirtual().name("pair-" + i).start(() -> loop(pair)));
        }
    }

    private void loop(int pair) {
        Users.BenchUser caller = callerUsers.get(pair);
        Users.BenchUser callee = calleeUsers.get(pair);
        Inbox callerInbox = callers.get(pair);
        Inbox calleeInbox = callees.get(pair);
        while (running) {
            try {
                boolean miss = ThreadLocalRandom.current().nextDouble() < missedShare;
                oneCall(caller, callee, callerInbox, calleeInbox, miss);
            } catch (Exception e) {
                if (!running) return;
                failures.increment();
                lastFailure = e.toString();
                callerInbox.clear();
                calleeInbox.clear();
            }
        }
    }

    private void oneCall(Users.BenchUser caller, Users.BenchUser callee, Inbox callerInbox, Inbox calleeInbox, boolean miss)
            throws InterruptedException {
        long invited = System.nanoTime();
        Call call = caller.client().startCall(callee.id(), Media.AUDIO, UUID.randomUUID().toString());
        String id = call.id().toString();
        if (!"RINGING".equals(String.valueOf(call.status()))) throw new IllegalStateException("call not ringing: " + call.status() + " " + call.reason());
        long ringing = calleeInbox.await("call.incoming", id);
        record(inviteToRing, ringing - invited);
        if (miss) {
            caller.client().cancelCall(call.id());
            calleeInbox.await("call.cancelled", id);
            callerInbox.await("call.cancelled", id);
            if (counting) missed.increment();
            return;
        }
        long answering = System.nanoTime();
        callee.client().answerCall(call.id(), calleeInbox.connection.deviceId());
        long answered = callerInbox.await("call.answered", id);
        record(answerToAnswered, answered - answering);
        long offered = System.nanoTime();
        callerInbox.connection.send(signal(id, "offer"));
        record(signalRelay, calleeInbox.await("call.signal", id) - offered);
        long replied = System.nanoTime();
        calleeInbox.connection.send(signal(id, "answer"));
        record(signalRelay, callerInbox.await("call.signal", id) - replied);
        caller.client().hangupCall(call.id());
        calleeInbox.await("call.ended", id);
        callerInbox.await("call.ended", id);
        if (counting) completed.increment();
    }

    private static String signal(String callId, String type) {
        return "{\"type\":\"call.signal\",\"data\":{\"callId\":\"" + callId + "\",\"sdp\":{\"type\":\"" + type
                + "\",\"sdp\":\"v=0\\r\\no=- 1 2 IN IP4 127.0.0.1\\r\\ns=bench\\r\\n\"}}}";
    }

    private void record(Latency latency, long nanos) {
        if (counting) latency.recordNanos(nanos);
    }

    @Override
    public void beginWindow() {
        inviteToRing.reset();
        answerToAnswered.reset();
        signalRelay.reset();
        completed.reset();
        missed.reset();
        failures.reset();
        counting = true;
    }

    @Override
    public void endWindow() {
        counting = false;
    }

    @Override
    public void stop() throws InterruptedException {
        running = false;
        for (Thread t : loops) t.join(15_000);
    }

    @Override
    public String progress() {
        return String.format("calls: %d completed, %d missed, %d failed, ring p99 %.1f ms",
                completed.sum(), missed.sum(), failures.sum(), inviteToRing.percentileMillis(99));
    }

    @Override
    public Map<String, Object> result(double seconds, ServerDelta server) {
        long calls = completed.sum() + missed.sum();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pairs", pairs);
        m.put("missedShare", missedShare);
        m.put("completedCalls", completed.sum());
        m.put("missedCalls", missed.sum());
        m.put("failures", failures.sum());
        if (lastFailure != null) m.put("lastFailure", lastFailure);
        m.put("completedCallsPerSecond", completed.sum() / seconds);
        m.put("callsPerSecond", calls / seconds);
        m.put("inviteToRing", inviteToRing.toJson());
        m.put("answerToAnswered", answerToAnswered.toJson());
        m.put("signalRelay", signalRelay.toJson());
        m.put("statementsPerCall", calls == 0 ? Double.NaN : (double) server.statements() / calls);
        return m;
    }

    @Override
    public void tearDown() {
        callers.forEach(i -> i.connection.close());
        callees.forEach(i -> i.connection.close());
    }
}
