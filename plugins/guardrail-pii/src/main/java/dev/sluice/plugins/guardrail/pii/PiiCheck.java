package dev.sluice.plugins.guardrail.pii;

import dev.sluice.spi.guardrail.Finding;
import dev.sluice.spi.guardrail.Finding.Action;
import dev.sluice.spi.guardrail.GuardrailCheck;
import dev.sluice.spi.guardrail.Inspection;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The configured {@code pii} check: runs each enabled detector once over the text, resolves
 * overlapping matches (the more specific, then the longer, wins), leaves out allowed values and
 * reports the rest with their kind's action. Findings never carry the matched text. Immutable and
 * thread-safe: detectors hold only precompiled patterns and tables.
 */
final class PiiCheck implements GuardrailCheck {
    private final List<Detector> detectors;
    private final Map<Kind, Action> actions;
    private final AllowList allow;

    PiiCheck(List<Detector> detectors, Map<Kind, Action> actions, AllowList allow) {
        this.detectors = List.copyOf(detectors);
        this.actions = new EnumMap<>(actions);
        this.allow = allow;
    }

    @Override
    public List<Finding> inspect(Inspection inspection) {
        String text = inspection.text();
        List<Hit> hits = new ArrayList<>();
        for (Detector detector : detectors) {
            detector.find(text, hits);
        }
        if (hits.isEmpty()) {
            return List.of();
        }
        List<Finding> findings = new ArrayList<>();
        // Allowed values still take part in overlap resolution: an allowed key is not then
        // reported as a high-entropy string instead.
        for (Hit hit : Overlaps.resolve(hits)) {
            if (allow.isEmpty() || !allow.allows(text, hit)) {
                Kind kind = hit.kind();
                findings.add(Finding.span(kind.rule(), kind.type(), true, hit.start(), hit.end(), actions.get(kind),
                        "the text contains " + hit.detail()));
            }
        }
        return findings;
    }

    /** The action configured for a kind (for tests and documentation). */
    Action action(Kind kind) {
        return actions.get(kind);
    }

    /** The kinds this check looks for, most specific first. */
    List<Kind> kinds() {
        return detectors.stream().map(Detector::kind).toList();
    }
}
