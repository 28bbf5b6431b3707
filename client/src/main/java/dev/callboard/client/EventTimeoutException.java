package dev.callboard.client;

/** {@code awaitEvent} found no matching event in time; the message lists the latest events seen. */
public final class EventTimeoutException extends RuntimeException {

    public EventTimeoutException(String message) {
        super(message);
    }
}
