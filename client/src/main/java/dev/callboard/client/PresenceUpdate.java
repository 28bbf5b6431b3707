package dev.callboard.client;

import java.time.Duration;
import tools.jackson.databind.node.ObjectNode;

/**
 * A change to my presence, for {@code PUT /api/presence/me} and the {@code presence.set} message.
 * A field left out is not changed; {@link #clearStatus()} and {@link #clearMessage()} send an
 * explicit null, which resets it. Immutable: every method returns a new update.
 *
 * <pre>{@code
 * PresenceUpdate.status(ManualStatus.BUSY).forDuration(Duration.ofHours(1)).withMessage("Focus time")
 * }</pre>
 */
public final class PresenceUpdate {

    private static final PresenceUpdate EMPTY = new PresenceUpdate(false, null, null, false, null, null);

    private final boolean statusSet;
    private final ManualStatus status;
    private final Long durationSeconds;
    private final boolean messageSet;
    private final String message;
    private final Long messageDurationSeconds;

    private PresenceUpdate(boolean statusSet, ManualStatus status, Long durationSeconds,
                           boolean messageSet, String message, Long messageDurationSeconds) {
        this.statusSet = statusSet;
        this.status = status;
        this.durationSeconds = durationSeconds;
        this.messageSet = messageSet;
        this.message = message;
        this.messageDurationSeconds = messageDurationSeconds;
    }

    /** Changes nothing (useful as a start for the {@code with...} methods). */
    public static PresenceUpdate none() {
        return EMPTY;
    }

    /** Sets a manual status until the server's default expiry. */
    public static PresenceUpdate status(ManualStatus status) {
        return EMPTY.withStatus(status);
    }

    /** Resets the manual status, so activity decides again. */
    public static PresenceUpdate clearStatus() {
        return EMPTY.withStatus(null);
    }

    /** Sets the status message without touching the status. */
    public static PresenceUpdate message(String message) {
        return EMPTY.withMessage(message);
    }

    /** Removes the status message. */
    public static PresenceUpdate clearMessage() {
        return EMPTY.withMessage(null);
    }

    /** Sets ({@code status != null}) or resets ({@code null}) the manual status. */
    public PresenceUpdate withStatus(ManualStatus status) {
        return new PresenceUpdate(true, status, durationSeconds, messageSet, message, messageDurationSeconds);
    }

    /** How long the manual status holds before it expires. */
    public PresenceUpdate forDuration(Duration duration) {
        return new PresenceUpdate(statusSet, status, duration.toSeconds(), messageSet, message, messageDurationSeconds);
    }

    /** Sets ({@code message != null}) or removes ({@code null}) the status message. */
    public PresenceUpdate withMessage(String message) {
        return new PresenceUpdate(statusSet, status, durationSeconds, true, message, messageDurationSeconds);
    }

    /** How long the status message holds before it expires. */
    public PresenceUpdate messageFor(Duration duration) {
        return new PresenceUpdate(statusSet, status, durationSeconds, messageSet, message, duration.toSeconds());
    }

    /** The JSON body, with explicit nulls for what is being cleared. */
    public ObjectNode toJson() {
        ObjectNode body = Json.MAPPER.createObjectNode();
        if (statusSet) {
            if (status == null) {
                body.putNull("status");
            } else {
                body.put("status", status.wire());
            }
        }
        if (durationSeconds != null) {
            body.put("durationSeconds", durationSeconds);
        }
        if (messageSet) {
            body.put("message", message);
        }
        if (messageDurationSeconds != null) {
            body.put("messageDurationSeconds", messageDurationSeconds);
        }
        return body;
    }

    @Override
    public String toString() {
        return "PresenceUpdate" + toJson();
    }
}
