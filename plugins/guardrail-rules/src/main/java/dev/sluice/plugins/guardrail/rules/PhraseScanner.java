package dev.sluice.plugins.guardrail.rules;

import dev.sluice.plugins.guardrail.rules.InjectionHeuristics.Heuristic;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * Runs phrase heuristics over a text cheaply: one pass finds the trigger words, and each
 * heuristic's pattern is tried (anchored) only where one of its trigger words starts. On ordinary
 * text that is a few attempts per kilobyte instead of a full regex search per heuristic.
 * Immutable and thread-safe.
 */
final class PhraseScanner {

    /** A heuristic's match. */
    record Hit(Heuristic heuristic, Span span) {
    }

    /** The matches, and the heuristics that ran out of budget before finishing. */
    record Result(List<Hit> hits, List<Heuristic> exhausted) {
    }

    private final List<Heuristic> heuristics;
    private final WordMatcher triggers;
    /** For each trigger term, the heuristics to try where it occurs. */
    private final List<BitSet> tried;

    PhraseScanner(List<Heuristic> heuristics) {
        this.heuristics = List.copyOf(heuristics);
        Map<String, BitSet> byKey = new LinkedHashMap<>();
        for (Heuristic h : heuristics) {
            for (String t : h.triggers()) {
                byKey.computeIfAbsent(WordMatcher.key(t), k -> new BitSet());
            }
        }
        // A word matched by a longer trigger ("activate*") is also one a shorter prefix trigger
        // ("act*") stands for: its heuristics are tried there too.
        for (Map.Entry<String, BitSet> e : byKey.entrySet()) {
            for (int i = 0; i < this.heuristics.size(); i++) {
                for (String t : this.heuristics.get(i).triggers()) {
                    String key = WordMatcher.key(t);
                    boolean prefix = key.endsWith("*");
                    String body = prefix ? key.substring(0, key.length() - 1) : key;
                    if (key.equals(e.getKey()) || (prefix && e.getKey().startsWith(body))) {
                        e.getValue().set(i);
                    }
                }
            }
        }
        this.triggers = new WordMatcher(new ArrayList<>(byKey.keySet()));
        this.tried = List.copyOf(byKey.values());
    }

    /** Every match of every heuristic, each heuristic spending at most {@code budget} reads. */
    Result scan(String text, long budget) {
        List<WordMatcher.Match> starts = triggers.findAll(text);
        if (starts.isEmpty()) {
            return new Result(List.of(), List.of());
        }
        List<Hit> hits = new ArrayList<>();
        List<Heuristic> exhausted = new ArrayList<>();
        for (int i = 0; i < heuristics.size(); i++) {
            Heuristic h = heuristics.get(i);
            Matcher m = h.pattern().pattern().matcher(new BudgetedText(text, budget))
                    .useTransparentBounds(true).useAnchoringBounds(false);
            int covered = 0;
            try {
                for (WordMatcher.Match start : starts) {
                    if (start.start() < covered || !tried.get(start.term()).get(i)) {
                        continue;
                    }
                    m.region(start.start(), text.length());
                    if (m.lookingAt() && m.end() > m.start()) {
                        hits.add(new Hit(h, new Span(m.start(), m.end())));
                        covered = m.end();
                    }
                }
            } catch (BudgetedText.Exhausted | StackOverflowError e) {
                exhausted.add(h);
            }
        }
        return new Result(hits, exhausted);
    }
}
