package dev.sluice.plugins.guardrail.format;

import dev.sluice.spi.GatewayContext;
import dev.sluice.spi.config.Settings;
import dev.sluice.spi.guardrail.Guardrail;
import dev.sluice.spi.guardrail.GuardrailCheck;
import org.pf4j.Extension;

/**
 * The {@code format} guardrail: a complete answer must be JSON and, where a schema applies (one
 * configured on the check, or else the request's {@code response_format} schema), valid against
 * it. It judges answers only; prompts pass untouched.
 *
 * <pre>{@code
 * guardrails:
 *   checks:
 *     - { name: json, type: format, stages: [output], on_invalid: retry }
 * }</pre>
 */
@Extension
public final class FormatGuardrail implements Guardrail {
    /** The {@code type:} of the check. */
    public static final String NAME = "format";

    /** Holds no configuration, so every check of every configuration load shares it. */
    private final SchemaCompiler compiler = new SchemaCompiler();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public GuardrailCheck create(Settings settings, GatewayContext context) {
        return new FormatCheck(FormatSettings.from(settings, context.home(), compiler), compiler);
    }
}
