package dev.callboard.realtime;

import dev.callboard.auth.CurrentUser;

/** The authenticated user and device behind one WebSocket connection. */
public record DeviceContext(CurrentUser user, String deviceId) {}
