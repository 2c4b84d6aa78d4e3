package dev.sluice.plugins.guardrail.rules;

/**
 * A text that counts how many characters a regular expression reads from it and stops the match
 * once a budget is spent, by throwing {@link Exhausted} out of {@link #charAt}. Java's regex
 * engine reads its input only through {@code charAt}, so a backtracking pattern that would run
 * for minutes on a crafted text stops after a bounded amount of work instead. One instance per
 * match run: it is not thread-safe.
 */
final class BudgetedText implements CharSequence {

    /** Thrown when the budget is spent; carries no stack trace, since it is control flow. */
    static final class Exhausted extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Exhausted() {
            super("pattern matching budget spent", null, false, false);
        }
    }

    private static final class Steps {
        long left;

        Steps(long left) {
            this.left = left;
        }
    }

    private final String text;
    private final int offset;
    private final int length;
    private final Steps steps;

    /** The whole of {@code text}, with {@code budget} character reads to spend. */
    BudgetedText(String text, long budget) {
        this(text, 0, text.length(), new Steps(budget));
    }

    private BudgetedText(String text, int offset, int length, Steps steps) {
        this.text = text;
        this.offset = offset;
        this.length = length;
        this.steps = steps;
    }

    @Override
    public char charAt(int index) {
        if (--steps.left < 0) {
            throw new Exhausted();
        }
        return text.charAt(offset + index);
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        if (start < 0 || end > length || start > end) {
            throw new IndexOutOfBoundsException("subSequence " + start + ".." + end + " of " + length);
        }
        return new BudgetedText(text, offset + start, end - start, steps);
    }

    @Override
    public String toString() {
        return text.substring(offset, offset + length);
    }

    /** The reads not yet spent (negative once exhausted). */
    long left() {
        return steps.left;
    }
}
