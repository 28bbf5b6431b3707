package dev.callboard.client;

/** One row of {@code GET /api/directory}: a user I may see, with presence. */
public record DirectoryEntry(User user, Presence presence) {
}
