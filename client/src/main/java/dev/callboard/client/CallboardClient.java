package dev.callboard.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.type.TypeFactory;

/**
 * The REST API of a Callboard server, one method per endpoint, plus {@link #connect} for the
 * WebSocket. Immutable and thread-safe: a client is a base URI, an optional token and an
 * {@link HttpClient}, which many clients may share. Methods block (cheap on virtual threads) and
 * throw {@link CallboardException} on any error.
 */
public final class CallboardClient {

    private static final TypeFactory TYPES = Json.MAPPER.getTypeFactory();

    private final HttpTransport transport;
    private final String token;

    private CallboardClient(HttpTransport transport, String token) {
        this.transport = transport;
        this.token = token;
    }

    public static Builder builder(URI baseUri) {
        return new Builder(baseUri);
    }

    /** A client without a token: it can only log in, send beacons and make raw requests. */
    public static CallboardClient create(URI baseUri) {
        return builder(baseUri).build();
    }

    /** Logs in and returns a client that uses the new token. */
    public static CallboardClient login(URI baseUri, String email, String password) {
        CallboardClient anonymous = create(baseUri);
        return anonymous.withToken(anonymous.login(email, password).token());
    }

    /** The same server and HttpClient with another token (null for none). */
    public CallboardClient withToken(String token) {
        return new CallboardClient(transport, token);
    }

    public URI baseUri() {
        return transport.baseUri();
    }

    /** The bearer token, or null. */
    public String token() {
        return token;
    }

    public HttpClient httpClient() {
        return transport.http();
    }

    /** {@code POST /api/auth/login}; this client is unchanged, see {@link #withToken}. */
    public LoginResult login(String email, String password) {
        return post("/api/auth/login", Map.of("email", email, "password", password), type(LoginResult.class));
    }

    public void logout() {
        transport.send("POST", "/api/auth/logout", null, token, Map.of());
    }

    public User me() {
        return get("/api/me", type(User.class));
    }

    /** The users I may see, each with presence. */
    public List<DirectoryEntry> directory() {
        return get("/api/directory", listOf(DirectoryEntry.class));
    }

    /** Admin only. */
    public List<User> users() {
        return get("/api/users", listOf(User.class));
    }

    /** Admin only. */
    public User createUser(NewUser user) {
        return post("/api/users", user, type(User.class));
    }

    public Presence presence(UUID userId) {
        return get("/api/presence/" + userId, type(Presence.class));
    }

    /** {@code GET /api/presence?status=online}: visible users with a live device. */
    public List<Presence> onlinePresence() {
        return get("/api/presence?status=online", listOf(Presence.class));
    }

    public Presence setPresence(PresenceUpdate update) {
        return call("PUT", "/api/presence/me", update.toJson(), Map.of(), type(Presence.class));
    }

    /** A single-use ticket for {@code /ws?ticket=...} (what browsers use instead of a header). */
    public RealtimeTicket realtimeTicket() {
        return post("/api/realtime/ticket", null, type(RealtimeTicket.class));
    }

    /**
     * The tab-close beacon: the device leaves at once. Sent without the token, as a browser would;
     * {@code beaconKey} (from {@code hello}) is the proof.
     */
    public void beacon(UUID userId, String deviceId, String beaconKey) {
        transport.send("POST", "/api/realtime/beacon",
                Map.of("userId", userId.toString(), "deviceId", deviceId, "beaconKey", beaconKey),
                null, Map.of());
    }

    /** Opens a WebSocket session; completes once the server's {@code hello} has arrived. */
    public CompletableFuture<CallboardSession> connect(SessionOptions options) {
        return CallboardSession.open(this, options);
    }

    public CompletableFuture<CallboardSession> connect() {
        return connect(SessionOptions.defaults());
    }

    public Call startCall(UUID calleeId, Media media) {
        return startCall(calleeId, media, null);
    }

    /** Starts a call; retrying with the same {@code idempotencyKey} returns the same call. */
    public Call startCall(UUID calleeId, Media media, String idempotencyKey) {
        Map<String, String> headers = idempotencyKey == null ? Map.of() : Map.of("Idempotency-Key", idempotencyKey);
        return call("POST", "/api/calls", Map.of("calleeId", calleeId, "media", media), headers, type(Call.class));
    }

    public Call answerCall(UUID callId, String deviceId) {
        return post("/api/calls/" + callId + "/answer", Map.of("deviceId", deviceId), type(Call.class));
    }

    public Call declineCall(UUID callId) {
        return declineCall(callId, null);
    }

    public Call declineCall(UUID callId, String reason) {
        return post("/api/calls/" + callId + "/decline", reasonBody(reason), type(Call.class));
    }

    public Call cancelCall(UUID callId) {
        return cancelCall(callId, null);
    }

    public Call cancelCall(UUID callId, String reason) {
        return post("/api/calls/" + callId + "/cancel", reasonBody(reason), type(Call.class));
    }

    public Call hangupCall(UUID callId) {
        return hangupCall(callId, null);
    }

    /** Ends an answered call; {@code reason} e.g. {@link CallReason#ICE_FAILED}, default user_hangup. */
    public Call hangupCall(UUID callId, String reason) {
        return post("/api/calls/" + callId + "/hangup", reasonBody(reason), type(Call.class));
    }

    public Call getCall(UUID callId) {
        return get("/api/calls/" + callId, type(Call.class));
    }

    public Page<Call> callHistory() {
        return callHistory(null, null, null, null);
    }

    /** My calls, newest first; every argument may be null for "no filter" / the server's default. */
    public Page<Call> callHistory(Direction direction, CallStatus status, String cursor, Integer limit) {
        String query = HttpTransport.query("direction", direction == null ? null : direction.wire(),
                "status", status == null ? null : status.wire(), "cursor", cursor, "limit", limit);
        return get("/api/calls/history" + query, pageOf(Call.class));
    }

    public IceServers iceServers() {
        return get("/api/calls/ice-servers", type(IceServers.class));
    }

    public Page<MissedCall> missedCalls() {
        return missedCalls(null, null, null);
    }

    /** My missed calls, newest first; {@code unseen} true for unseen only, null for all. */
    public Page<MissedCall> missedCalls(Boolean unseen, String cursor, Integer limit) {
        String query = HttpTransport.query("unseen", unseen, "cursor", cursor, "limit", limit);
        return get("/api/missed-calls" + query, pageOf(MissedCall.class));
    }

    public int unseenMissedCallCount() {
        return count(get("/api/missed-calls/unseen-count", type(JsonNode.class)));
    }

    /** Marks one missed call seen; returns the new unseen count. */
    public int markMissedCallSeen(UUID missedCallId) {
        return count(post("/api/missed-calls/" + missedCallId + "/seen", null, type(JsonNode.class)));
    }

    /** Marks all my missed calls seen; returns the new unseen count. */
    public int markAllMissedCallsSeen() {
        return count(post("/api/missed-calls/seen", null, type(JsonNode.class)));
    }

    /** Calls the original caller back and marks the missed call seen. */
    public Call callBack(UUID missedCallId) {
        return callBack(missedCallId, null);
    }

    /** Like {@link #callBack(UUID)}; retrying with the same {@code idempotencyKey} returns the same call. */
    public Call callBack(UUID missedCallId, String idempotencyKey) {
        Map<String, String> headers = idempotencyKey == null ? Map.of() : Map.of("Idempotency-Key", idempotencyKey);
        return call("POST", "/api/missed-calls/" + missedCallId + "/call-back", null, headers, type(Call.class));
    }

    /**
     * Any request, for what the typed API cannot express (malformed bodies, extra fields). Sends
     * this client's token unless {@code headers} has an Authorization; never throws on a status.
     */
    public RawResponse exchange(String method, String path, String jsonBody, Map<String, String> headers) {
        return transport.exchange(method, path, jsonBody, token, headers);
    }

    public RawResponse exchange(String method, String path, String jsonBody) {
        return exchange(method, path, jsonBody, Map.of());
    }

    HttpTransport transport() {
        return transport;
    }

    private <T> T call(String method, String path, Object body, Map<String, String> headers, JavaType type) {
        return Json.MAPPER.readValue(transport.send(method, path, body, token, headers), type);
    }

    private <T> T get(String path, JavaType type) {
        return call("GET", path, null, Map.of(), type);
    }

    private <T> T post(String path, Object body, JavaType type) {
        return call("POST", path, body, Map.of(), type);
    }

    private static JavaType type(Class<?> type) {
        return TYPES.constructType(type);
    }

    private static Map<String, String> reasonBody(String reason) {
        return reason == null ? null : Map.of("reason", reason);
    }

    private static int count(JsonNode body) {
        return body.path("count").asInt();
    }

    private static JavaType listOf(Class<?> element) {
        return TYPES.constructCollectionType(List.class, element);
    }

    private static JavaType pageOf(Class<?> element) {
        return TYPES.constructParametricType(Page.class, element);
    }

    /** Configures a client; only the base URI is required. */
    public static final class Builder {
        private final URI baseUri;
        private HttpClient httpClient;
        private Duration requestTimeout = Duration.ofSeconds(10);
        private String token;

        private Builder(URI baseUri) {
            this.baseUri = Objects.requireNonNull(baseUri, "baseUri");
        }

        /** Share one HttpClient across many clients (a load generator should); default: a new one. */
        public Builder httpClient(HttpClient httpClient) {
            this.httpClient = httpClient;
            return this;
        }

        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = Objects.requireNonNull(requestTimeout);
            return this;
        }

        public Builder token(String token) {
            this.token = token;
            return this;
        }

        public CallboardClient build() {
            HttpClient http = httpClient != null ? httpClient : defaultHttpClient();
            return new CallboardClient(new HttpTransport(http, baseUri, requestTimeout), token);
        }

        /** HTTP/1.1: the default HTTP/2 would try an h2c upgrade on plain http, which the server does not take. */
        public static HttpClient defaultHttpClient() {
            return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
        }
    }
}
