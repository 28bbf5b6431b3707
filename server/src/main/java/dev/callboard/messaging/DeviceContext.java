package dev.callboard.messaging;

import dev.callboard.identity.CurrentUser;

/** The authenticated user and device behind one WebSocket connection. */
public record DeviceContext(CurrentUser user, String deviceId) {}
