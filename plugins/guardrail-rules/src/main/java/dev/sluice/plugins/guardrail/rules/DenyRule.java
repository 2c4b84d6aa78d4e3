package dev.sluice.plugins.guardrail.rules;

import dev.sluice.spi.guardrail.Finding;
import dev.sluice.spi.guardrail.Finding.Action;
import dev.sluice.spi.guardrail.Inspection;
import java.util.ArrayList;
import java.util.List;

/**
 * Denied words, phrases and patterns, minus what the allow list exempts. Each occurrence is a
 * finding {@code deny:<id>} of type {@code DENIED} over the occurrence, unless it lies wholly
 * inside an allowed word, phrase or pattern match ({@code kill} denied, {@code kill the process}
 * allowed).
 */
final class DenyRule implements TextRule {
    private static final String TYPE = "DENIED";

    /** A denied word or phrase: the id in its rule name and its action. */
    record Entry(String id, Action action) {
    }

    /** A denied pattern. */
    record PatternEntry(String id, BoundedPattern pattern, Action action) {
    }

    private final WordMatcher words;
    private final List<Entry> wordEntries;
    private final List<PatternEntry> patterns;
    private final WordMatcher allowWords;
    private final List<BoundedPattern> allowPatterns;
    private final StepBudget budget;

    DenyRule(WordMatcher words, List<Entry> wordEntries, List<PatternEntry> patterns, WordMatcher allowWords,
            List<BoundedPattern> allowPatterns, StepBudget budget) {
        this.words = words;
        this.wordEntries = List.copyOf(wordEntries);
        this.patterns = List.copyOf(patterns);
        this.allowWords = allowWords;
        this.allowPatterns = List.copyOf(allowPatterns);
        this.budget = budget;
    }

    @Override
    public void inspect(Inspection inspection, List<Finding> findings) {
        String text = inspection.text();
        long reads = budget.forLength(text.length());
        List<Finding> found = new ArrayList<>();
        for (WordMatcher.Match m : words.findAll(text)) {
            Entry e = wordEntries.get(m.term());
            found.add(Finding.span("deny:" + e.id(), TYPE, false, m.start(), m.end(), e.action(),
                    "the text contains a denied term"));
        }
        for (PatternEntry p : patterns) {
            BoundedPattern.Scan scan = p.pattern().findAll(text, reads);
            for (Span s : scan.spans()) {
                found.add(Finding.span("deny:" + p.id(), TYPE, false, s.start(), s.end(), p.action(),
                        "the text matches a denied pattern"));
            }
            if (scan.exhausted()) {
                // A pattern an attacker can stall must not let the rest of the text through when it
                // blocks; for other actions the text passes and the miss is recorded.
                Action onExhausted = p.action() == Action.BLOCK ? Action.BLOCK : Action.FLAG;
                findings.add(Finding.whole("deny:" + p.id(), TYPE, onExhausted, "denied pattern " + p.id()
                        + " needed more than its matching budget; the rest of the text was not checked"));
            }
        }
        if (found.isEmpty()) {
            return;
        }
        List<Span> allowed = allowed(text, reads);
        for (Finding f : found) {
            Span span = new Span(f.start(), f.end());
            if (allowed.stream().noneMatch(span::within)) {
                findings.add(f);
            }
        }
    }

    private List<Span> allowed(String text, long reads) {
        List<Span> spans = new ArrayList<>();
        for (WordMatcher.Match m : allowWords.findAll(text)) {
            spans.add(new Span(m.start(), m.end()));
        }
        for (BoundedPattern p : allowPatterns) {
            // An allow pattern cut short exempts only what it found: the deny rules still apply.
            spans.addAll(p.findAll(text, reads).spans());
        }
        return spans;
    }
}
