package dev.sluice.plugins.guardrail.pii;

/**
 * A span one detector matched, before the allow list and overlap resolution.
 *
 * @param start first character, inclusive
 * @param end last character, exclusive
 * @param kind what was found
 * @param detail a description without the matched text, e.g. "an API key (GitHub)"
 */
record Hit(int start, int end, Kind kind, String detail) {

    Hit(int start, int end, Kind kind) {
        this(start, end, kind, kind.description());
    }

    int length() {
        return end - start;
    }

    boolean overlaps(Hit other) {
        return start < other.end && other.start < end;
    }
}
