package dev.sluice.spi.audit;

import java.util.Objects;

/**
 * One guardrail that fired on a request: which one, which rule, what it did, and on which side.
 * Never carries the matched text.
 *
 * @param guardrail the guardrail's configured name, e.g. {@code pii}
 * @param rule the rule inside it, e.g. {@code email}
 * @param action {@code block}, {@code redact} or {@code flag}
 * @param stage {@code input} or {@code output}
 */
public record GuardrailTrigger(String guardrail, String rule, String action, String stage) {

    public GuardrailTrigger {
        Objects.requireNonNull(guardrail);
        Objects.requireNonNull(rule);
        Objects.requireNonNull(action);
        Objects.requireNonNull(stage);
    }
}
