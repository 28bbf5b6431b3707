package dev.callboard.presence;

import dev.callboard.messaging.Delivery;

import java.util.List;

/**
 * The result of one change to a user's presence, and what must follow once it is committed:
 * the events announcing it (none if nothing visible changed) and the status row to write behind.
 */
record PresenceChange(PresenceView full, List<Delivery> announcements, PresenceStore.StatusRow statusRow) {}
