package dev.sluice.plugins.guardrail.pii;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Chooses among overlapping matches of different detectors, so that findings never overlap: the
 * more specific kind wins ({@link Kind}'s order: a private key over the high-entropy lines inside
 * it, a JWT over its segments, an IBAN over the digit groups a phone pattern sees in it), then the
 * longer match, then the earlier one.
 */
final class Overlaps {
    private static final Comparator<Hit> PRECEDENCE = Comparator.comparingInt((Hit h) -> h.kind().specificity())
            .reversed()
            .thenComparing(Comparator.comparingInt(Hit::length).reversed())
            .thenComparingInt(Hit::start);

    private Overlaps() {
    }

    /** The hits that win, by position. */
    static List<Hit> resolve(List<Hit> hits) {
        if (hits.size() <= 1) {
            return hits;
        }
        List<Hit> ranked = new ArrayList<>(hits);
        ranked.sort(PRECEDENCE);
        TreeMap<Integer, Hit> kept = new TreeMap<>();
        for (Hit hit : ranked) {
            Map.Entry<Integer, Hit> before = kept.floorEntry(hit.start());
            Map.Entry<Integer, Hit> after = kept.ceilingEntry(hit.start());
            boolean free = (before == null || !before.getValue().overlaps(hit))
                    && (after == null || !after.getValue().overlaps(hit));
            if (free) {
                kept.put(hit.start(), hit);
            }
        }
        return new ArrayList<>(kept.values());
    }
}
