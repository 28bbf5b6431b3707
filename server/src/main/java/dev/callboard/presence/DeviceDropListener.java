package dev.callboard.presence;

import java.util.UUID;

/** Told when presence gives up on a silent device, so its connection can be closed too. */
public interface DeviceDropListener {
    void dropped(UUID userId, String deviceId, long connectionId);
}
