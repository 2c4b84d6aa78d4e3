package dev.sluice.plugins.guardrail.pii;

/**
 * A run of digit groups joined by single separators, as numbers are written in text
 * ({@code 4111 1111 1111 1111}, {@code 555-010-9999}). Groups are kept as offsets into the text.
 */
final class DigitRun {
    private final String text;
    private final int[] starts;
    private final int[] ends;
    private final char[] separators;
    private int groups;
    private int end;

    private DigitRun(String text, int maxGroups) {
        this.text = text;
        this.starts = new int[maxGroups];
        this.ends = new int[maxGroups];
        this.separators = new char[maxGroups];
    }

    /**
     * Reads the run that starts with the digit at {@code start}: groups of digits separated by one
     * of the {@code allowed} characters. The run ends at the first other character or at a
     * separator not followed by a digit; groups after the first {@code maxGroups} are not kept,
     * but still belong to the run (see {@link #end()}).
     */
    static DigitRun read(String text, int start, String allowed, int maxGroups) {
        DigitRun run = new DigitRun(text, maxGroups);
        int i = start;
        int n = text.length();
        boolean counting = true;
        while (true) {
            int groupStart = i;
            while (i < n && Ascii.isDigit(text.charAt(i))) {
                i++;
            }
            if (counting) {
                if (run.groups < maxGroups) {
                    run.starts[run.groups] = groupStart;
                    run.ends[run.groups] = i;
                    run.groups++;
                } else {
                    counting = false;
                }
            }
            run.end = i;
            if (i + 1 < n && allowed.indexOf(text.charAt(i)) >= 0 && Ascii.isDigit(text.charAt(i + 1))) {
                if (counting && run.groups < maxGroups) {
                    run.separators[run.groups] = text.charAt(i);
                }
                i++;
            } else {
                return run;
            }
        }
    }

    /** Whether the whole run fit in the groups read. */
    boolean complete() {
        return ends[groups - 1] == end;
    }

    /** Where the run ends (exclusive), including groups beyond those read. */
    int end() {
        return end;
    }

    int groups() {
        return groups;
    }

    int start(int group) {
        return starts[group];
    }

    int end(int group) {
        return ends[group];
    }

    int length(int group) {
        return ends[group] - starts[group];
    }

    /** The separator before a group (group ≥ 1). */
    char separatorBefore(int group) {
        return separators[group];
    }

    /** The number of digits in the first {@code count} groups. */
    int digits(int count) {
        int total = 0;
        for (int g = 0; g < count; g++) {
            total += length(g);
        }
        return total;
    }

    /** The digits of the first {@code count} groups, without separators. */
    String digitsOf(int count) {
        StringBuilder out = new StringBuilder(digits(count));
        for (int g = 0; g < count; g++) {
            out.append(text, starts[g], ends[g]);
        }
        return out.toString();
    }

    /** Whether the separators before groups 1 … count-1 are all the same. */
    boolean uniformSeparators(int count) {
        for (int g = 2; g < count; g++) {
            if (separators[g] != separators[1]) {
                return false;
            }
        }
        return true;
    }
}
