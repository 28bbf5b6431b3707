package dev.callboard.messaging;

import dev.callboard.identity.CurrentUser;

import java.util.Map;

/**
 * Adds a feature's part to the {@code hello} snapshot sent on every (re)connect, e.g. the unseen
 * missed-call count or the active calls. Called on a virtual thread; may query the database.
 */
public interface HelloContributor {
    void contribute(CurrentUser user, Map<String, Object> hello);
}
