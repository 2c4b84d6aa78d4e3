package dev.sluice.spi.guardrail;

import dev.sluice.spi.GatewayContext;
import dev.sluice.spi.config.Settings;
import org.pf4j.ExtensionPoint;

/**
 * Extension point for guardrails, named by the {@code type:} of an entry under
 * {@code guardrails.checks}:
 *
 * <pre>{@code
 * guardrails:
 *   checks:
 *     - { name: pii, type: pii, stages: [input, output], action: redact }
 *     - { name: banned, type: rules, deny: ["project falcon"], action: block }
 *     - { name: json, type: format, stages: [output], on_invalid: retry }
 * }</pre>
 * A guardrail only <em>finds</em>: it reports {@link Finding}s in a text, each with the action its
 * configuration chose. The kernel's {@code guardrail} step applies them the same way for every
 * guardrail: {@code block} fails the request (400 on input, a refusal on output, naming the
 * rule), {@code redact} replaces the found text with a typed placeholder ({@code [EMAIL_1]}),
 * {@code flag} lets it pass and records it; {@code retry} (output only) calls the model once more
 * with the finding's message appended.
 */
public interface Guardrail extends ExtensionPoint {

    /** The guardrail type used in {@code type:}; unique across all plugins. */
    String name();

    /**
     * Builds a check from its entry's settings (everything but {@code name}, {@code type} and
     * {@code stages}, which the kernel reads). Read every setting you accept; unread keys are
     * reported as unknown.
     */
    GuardrailCheck create(Settings settings, GatewayContext context);
}
