package dev.sluice.plugins.guardrail.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A regular expression run with a bounded amount of work: every search reads the text through a
 * {@link BudgetedText}, so a pattern that backtracks catastrophically on some input stops after
 * its budget instead of holding a request thread. Immutable and thread-safe.
 */
final class BoundedPattern {
    /** The reads a pattern may spend on one probe before it counts as catastrophic. */
    static final long PROBE_BUDGET = 1_000_000;
    static final int PROBE_LENGTH = 40;

    /**
     * The spans found before the budget ran out, and whether it did (then the rest of the text
     * was not searched).
     */
    record Scan(List<Span> spans, boolean exhausted) {
    }

    private final Pattern pattern;

    BoundedPattern(Pattern pattern) {
        this.pattern = pattern;
    }

    Pattern pattern() {
        return pattern;
    }

    /** Every non-empty match in the text, spending at most {@code budget} character reads. */
    Scan findAll(String text, long budget) {
        List<Span> spans = new ArrayList<>();
        Matcher m = pattern.matcher(new BudgetedText(text, budget));
        try {
            while (m.find()) {
                if (m.end() > m.start()) {
                    spans.add(new Span(m.start(), m.end()));
                }
            }
            return new Scan(spans, false);
        } catch (BudgetedText.Exhausted e) {
            return new Scan(spans, true);
        } catch (StackOverflowError e) {
            // Deeply nested repetition on a long text can overflow the regex engine's recursion
            // before the budget is spent; that is the same failure: too much work for this text.
            return new Scan(spans, true);
        }
    }

    /**
     * Whether the pattern backtracks catastrophically on a simple input: it is run over texts of
     * one character repeated {@value #PROBE_LENGTH} times and followed by a character it is
     * unlikely to expect, for each character written in the pattern and a few common ones. A
     * pattern such as {@code (a+)+b} needs billions of steps on such a text; a reasonable one a
     * few thousand. This catches the common mistakes only; the budget of every search remains
     * the guarantee.
     *
     * @return a description of the failing probe, without the pattern itself
     */
    Optional<String> catastrophicProbe() {
        TreeSet<Integer> chars = new TreeSet<>(List.of((int) 'a', (int) 'A', (int) '0', (int) ' ', (int) '.'));
        pattern.pattern().codePoints().filter(c -> c > ' ' && c < 0x10000).limit(64).forEach(chars::add);
        for (int c : chars) {
            String probe = String.valueOf((char) c).repeat(PROBE_LENGTH) + "\u0001";
            if (findAll(probe, PROBE_BUDGET).exhausted()) {
                return Optional.of("more than " + PROBE_BUDGET + " steps on a " + probe.length()
                        + "-character text of one repeated character");
            }
        }
        return Optional.empty();
    }
}
