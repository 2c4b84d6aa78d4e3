package dev.sluice.spi.guardrail;

import java.util.List;

/**
 * A configured guardrail. Called from many request threads at once: it must be thread-safe and
 * should be fast (it runs on every request of the routes it guards; precompile patterns once).
 */
@FunctionalInterface
public interface GuardrailCheck {

    /**
     * The findings in one text: a message of the prompt ({@link Inspection.Stage#INPUT}) or the
     * answer ({@link Inspection.Stage#OUTPUT}); empty when nothing is found. Spans index into
     * {@link Inspection#text()}; findings must not overlap one another.
     */
    List<Finding> inspect(Inspection inspection);
}
