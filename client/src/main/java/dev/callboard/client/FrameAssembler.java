package dev.callboard.client;

/**
 * Joins the parts of a WebSocket text message that arrives in several frames ({@code last == false}).
 * Used by one receiving thread at a time, as the JDK WebSocket guarantees.
 */
final class FrameAssembler {

    private final StringBuilder pending = new StringBuilder();

    /** Adds a part; returns the whole message once the last part is in, otherwise null. */
    String append(CharSequence part, boolean last) {
        if (last && pending.isEmpty()) {
            return part.toString();
        }
        pending.append(part);
        if (!last) {
            return null;
        }
        String message = pending.toString();
        pending.setLength(0);
        if (pending.capacity() > 64 * 1024) {
            pending.trimToSize(); // one big hello should not cost every idle connection its size
        }
        return message;
    }

    /** Characters held for an incomplete message. */
    int pendingLength() {
        return pending.length();
    }
}
