package dev.sluice.plugins.guardrail.pii;

import java.util.List;

/**
 * Finds one kind of personal data or secret in a text. Implementations hold only precompiled,
 * immutable state, so one instance serves every request thread at once.
 */
interface Detector {

    /** What it finds: its name in settings and the rule of its findings. */
    Kind kind();

    /**
     * Adds every match in {@code text} to {@code hits}, in one pass. Matches of one detector do not
     * overlap one another; matches of different detectors may, and are resolved by the caller.
     */
    void find(String text, List<Hit> hits);
}
