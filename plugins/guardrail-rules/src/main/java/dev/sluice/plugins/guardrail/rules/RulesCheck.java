package dev.sluice.plugins.guardrail.rules;

import dev.sluice.spi.guardrail.Finding;
import dev.sluice.spi.guardrail.GuardrailCheck;
import dev.sluice.spi.guardrail.Inspection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A configured {@code rules} check: runs each of its rules over the text and merges what they
 * find so that no two spans overlap (where two would, the one with the stronger action is kept,
 * then the earlier, then the longer). Immutable and thread-safe.
 *
 * <p>On a window of a stream still arriving ({@code complete} false), a span that reaches the
 * end of the window is left for a later window: the word or phrase may go on ({@code ass} at the
 * end of a window may be the start of {@code assume}).
 */
final class RulesCheck implements GuardrailCheck {
    private static final Comparator<Finding> PRECEDENCE = Comparator
            .comparing(Finding::action, Comparator.reverseOrder())
            .thenComparingInt(Finding::start)
            .thenComparing(f -> f.end() - f.start(), Comparator.reverseOrder());

    private final List<TextRule> rules;

    RulesCheck(List<TextRule> rules) {
        this.rules = List.copyOf(rules);
    }

    List<TextRule> rules() {
        return rules;
    }

    @Override
    public List<Finding> inspect(Inspection inspection) {
        List<Finding> found = new ArrayList<>();
        for (TextRule rule : rules) {
            rule.inspect(inspection, found);
        }
        if (found.isEmpty()) {
            return List.of();
        }
        int length = inspection.text().length();
        if (!inspection.complete()) {
            found.removeIf(f -> f.hasSpan() && f.end() >= length);
        }
        return withoutOverlaps(found);
    }

    /** Whole-text findings, then spans by position, with no two spans overlapping. */
    static List<Finding> withoutOverlaps(List<Finding> findings) {
        List<Finding> out = new ArrayList<>();
        List<Finding> spans = new ArrayList<>();
        for (Finding f : findings) {
            (f.hasSpan() ? spans : out).add(f);
        }
        spans.sort(PRECEDENCE);
        TreeMap<Integer, Finding> kept = new TreeMap<>();
        for (Finding f : spans) {
            Map.Entry<Integer, Finding> before = kept.floorEntry(f.end() - 1);
            if (before == null || before.getValue().end() <= f.start()) {
                kept.put(f.start(), f);
            }
        }
        out.addAll(kept.values());
        return List.copyOf(out);
    }
}
