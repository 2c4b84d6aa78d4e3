package dev.sluice.plugins.guardrail.rules;

import dev.sluice.spi.GatewayContext;
import dev.sluice.spi.config.Settings;
import dev.sluice.spi.guardrail.Guardrail;
import dev.sluice.spi.guardrail.GuardrailCheck;
import org.pf4j.Extension;

/**
 * The {@code rules} guardrail: denied words, phrases and patterns (with an allow list of
 * exemptions), topics recognised by keywords, a cap on the estimated tokens of a prompt message,
 * and prompt-injection heuristics (on by default, flagging).
 *
 * <pre>{@code
 * guardrails:
 *   checks:
 *     - name: house-rules
 *       type: rules
 *       stages: [input, output]
 *       deny: ["project falcon", kill]
 *       allow: ["kill the process"]
 *       topics:
 *         - { name: medical_advice, keywords: [diagnose, prescription, dosage], min_matches: 2 }
 *       max_prompt_tokens: 8000
 *       injection: { action: block }
 * }</pre>
 * Every setting is checked when the check is created; matching is precompiled and the check is
 * thread-safe.
 */
@Extension
public final class RulesGuardrail implements Guardrail {

    @Override
    public String name() {
        return "rules";
    }

    @Override
    public GuardrailCheck create(Settings settings, GatewayContext context) {
        return RulesSettings.read(settings);
    }
}
