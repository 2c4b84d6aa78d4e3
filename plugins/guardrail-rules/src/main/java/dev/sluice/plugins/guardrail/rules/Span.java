package dev.sluice.plugins.guardrail.rules;

/** A stretch {@code [start, end)} of a text. */
record Span(int start, int end) {

    /** Whether this span lies wholly inside {@code other}. */
    boolean within(Span other) {
        return other.start <= start && end <= other.end;
    }
}
