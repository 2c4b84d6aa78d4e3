package dev.sluice.plugins.guardrail.rules;

/**
 * How much work one regular expression may do on one text: {@value #BASE} character reads plus
 * {@code perChar} for each character of the text. A linear pattern reads each character a few
 * times; a pattern that needs more than this is backtracking, and is stopped.
 *
 * @param perChar the reads allowed for each character of the text
 */
record StepBudget(long perChar) {
    static final long BASE = 100_000;
    static final long DEFAULT_PER_CHAR = 1_000;

    /** The reads allowed on a text of {@code length} characters. */
    long forLength(int length) {
        return BASE + perChar * length;
    }
}
