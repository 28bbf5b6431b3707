package dev.callboard.identity;

/**
 * Whoever makes a request: a signed-in user, or the host app's backend with an API key. Only the few
 * endpoints a host backend needs take a {@code Caller}; every other one takes a {@link CurrentUser}.
 */
public sealed interface Caller permits CurrentUser, ApiKeyCaller {
    /** An admin user or an API key: may manage users. */
    boolean mayManageUsers();
}
