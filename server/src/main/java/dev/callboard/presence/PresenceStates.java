package dev.callboard.presence;

import dev.callboard.identity.Role;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * Where users' live presence (devices, manual choice, in-call count, last view) is kept: in this
 * process ({@link LocalPresenceStates}, one node) or in Redis ({@link RedisPresenceStates}, a
 * cluster, where it is also the registry of which node holds which device). The engine's rules do
 * not change with it; only the guarantee of atomicity is provided differently (a lock, or a
 * versioned compare-and-set).
 */
interface PresenceStates {

    /** The id of this node, which owns the devices whose sockets it holds. */
    String node();

    /**
     * Applies {@code change} to the user's state atomically and commits what it returns: the status
     * row is written behind and the announcements are sent, in the order the changes happened for
     * this user. {@code change} may run more than once (on a conflict), so it must only touch the state.
     *
     * @return the committed change; null when the user has no state and {@code createIfAbsent} is false
     */
    PresenceChange update(UUID userId, Role role, boolean createIfAbsent, Function<UserPresenceState, PresenceChange> change);

    /**
     * A heartbeat that tells nothing anyone else could see (same connection, same focus, no new input)
     * may be noted without touching the shared state; false means: take the full path.
     */
    default boolean quietHeartbeat(UUID userId, String deviceId, long connectionId, Instant now,
                                   Instant lastInputAt, boolean focused) {
        return false;
    }

    /**
     * False while this node may not see every device: in cluster mode while Redis is unreachable, and
     * for a lease period after it is back, until every other node has put its devices back.
     */
    default boolean sharedStateReachable() {
        return true;
    }

    /** Reads the user's state; null when he has none (offline, nothing live). */
    <T> T read(UUID userId, Function<UserPresenceState, T> reader);

    /** The full views of those of these users who have live state. */
    Map<UUID, PresenceView> views(Collection<UUID> userIds);

    /** The users whose devices this node must check (silence, idle thresholds, expiries). */
    Collection<UUID> toSweep();

    /** Called after the sweep visited the user: the chance to forget him if nothing is left. */
    void swept(UUID userId);

    /** Users with live state on this node. */
    int liveUserCount();
}
