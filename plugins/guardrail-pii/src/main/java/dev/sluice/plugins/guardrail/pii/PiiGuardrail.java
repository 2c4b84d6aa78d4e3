package dev.sluice.plugins.guardrail.pii;

import dev.sluice.spi.GatewayContext;
import dev.sluice.spi.config.Settings;
import dev.sluice.spi.guardrail.Guardrail;
import dev.sluice.spi.guardrail.GuardrailCheck;
import org.pf4j.Extension;

/**
 * The {@code pii} guardrail: personal data and secrets. Detectors: {@code email}, {@code phone},
 * {@code credit_card} (Luhn-checked), {@code iban} (mod 97), {@code ssn}, {@code ip_address},
 * {@code api_key}, {@code private_key}, {@code jwt} and {@code high_entropy}; every finding is
 * marked as personal data, so the audit record counts it in {@code pii_types}.
 *
 * <pre>{@code
 * guardrails:
 *   checks:
 *     - name: pii
 *       type: pii
 *       stages: [input, output]
 *       action: redact
 *       actions: { private_key: block, api_key: block }
 *       allow: [support@example.com]
 * }</pre>
 * Settings are checked when the check is created; patterns are compiled once and the check is
 * thread-safe.
 */
@Extension
public final class PiiGuardrail implements Guardrail {

    @Override
    public String name() {
        return "pii";
    }

    @Override
    public GuardrailCheck create(Settings settings, GatewayContext context) {
        return PiiSettings.read(settings);
    }
}
