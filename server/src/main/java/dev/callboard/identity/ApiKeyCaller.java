package dev.callboard.identity;

import java.util.UUID;

/** The host app's backend, proven by one of its API keys. */
public record ApiKeyCaller(UUID keyId, String name) implements Caller {
    @Override
    public boolean mayManageUsers() {
        return true;
    }
}
