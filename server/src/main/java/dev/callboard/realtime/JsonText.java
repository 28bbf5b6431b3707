package dev.callboard.realtime;

import dev.callboard.error.DomainException;
import tools.jackson.databind.JsonNode;

/** Checks on values inside client frames that JSON allows but Callboard cannot use. */
final class JsonText {
    /** About year 5138 as epoch milliseconds: more than any real time or idle span, far below overflow. */
    static final long MAX_MILLIS = 100_000_000_000_000L;

    private JsonText() {}

    /** Whether any string or property name in the tree holds U+0000. */
    static boolean containsNul(JsonNode node) {
        if (node.isString()) return node.asString().indexOf('\0') >= 0;
        if (node.isObject()) {
            for (String name : node.propertyNames()) {
                if (name.indexOf('\0') >= 0 || containsNul(node.get(name))) return true;
            }
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                if (containsNul(element)) return true;
            }
        }
        return false;
    }

    /**
     * A count of milliseconds from a client: any number from 0 to {@link #MAX_MILLIS}, fractions
     * dropped. Larger ones ({@code 1e400}, {@code 9.3e18}) would overflow the clock arithmetic.
     */
    static long millis(JsonNode node, String field) {
        if (!node.isNumber()) throw DomainException.invalid(field + " must be a number of milliseconds");
        double value = node.asDouble();
        if (!(value >= 0 && value <= MAX_MILLIS)) {
            throw DomainException.invalid(field + " must be between 0 and " + MAX_MILLIS + " milliseconds");
        }
        return (long) value;
    }
}
