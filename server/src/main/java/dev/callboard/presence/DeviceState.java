package dev.callboard.presence;

import java.time.Instant;

/**
 * One connected device of a user, as its heartbeats describe it. {@code node} is the node that holds
 * its socket (the only one that hears its heartbeats); {@code connectionId} tells two connections of
 * the same device id apart, so a stale socket closing cannot remove its successor.
 */
public record DeviceState(String deviceId, String node, long connectionId, Instant lastHeartbeatAt,
                          Instant lastInputAt, boolean focused) {

    public DeviceState heartbeat(Instant now, Instant lastInput, boolean focused) {
        Instant input = lastInput == null ? lastInputAt : later(lastInputAt, lastInput.isAfter(now) ? now : lastInput);
        return new DeviceState(deviceId, node, connectionId, now, input, focused);
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
