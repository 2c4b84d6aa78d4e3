package dev.sluice.plugins.guardrail.rules;

import dev.sluice.spi.guardrail.Finding;
import dev.sluice.spi.guardrail.Inspection;
import java.util.List;

/**
 * One kind of rule of a {@code rules} check (deny lists, topics, size, injection heuristics).
 * Rules are immutable and thread-safe; the check runs each over a text and merges what they find.
 */
interface TextRule {

    /** Adds what this rule finds in the inspected text to {@code findings}. */
    void inspect(Inspection inspection, List<Finding> findings);
}
