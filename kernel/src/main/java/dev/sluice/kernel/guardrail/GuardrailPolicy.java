package dev.sluice.kernel.guardrail;

import dev.sluice.kernel.config.ConfigReader;
import dev.sluice.kernel.plugin.ExtensionCatalog;
import dev.sluice.spi.ChainStep;
import dev.sluice.spi.GatewayContext;
import dev.sluice.spi.guardrail.Guardrail;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds the {@code guardrail} step of a configuration from {@code guardrails.checks}. It goes
 * where {@code guardrail} stands in {@code chain:}, else first among the configured steps, so
 * that the cache and policies see the prompt as the guardrails left it.
 */
public final class GuardrailPolicy {
    /** The step's name in {@code chain:}. */
    public static final String NAME = "guardrail";

    private GuardrailPolicy() {
    }

    /** The step, unless no check is configured. */
    public static Optional<ChainStep> step(GuardrailConfig config, ExtensionCatalog catalog, GatewayContext context) {
        if (config.checks().isEmpty()) {
            return Optional.empty();
        }
        List<GuardedCheck> checks = new ArrayList<>();
        for (GuardrailConfig.CheckEntry entry : config.checks()) {
            Guardrail guardrail = ExtensionCatalog.find(catalog.guardrails(), entry.type()).orElseThrow(() ->
                    entry.settings().error("type", "unknown guardrail type \"" + entry.type() + "\" (known: "
                            + ExtensionCatalog.known(catalog.guardrails()) + ")"));
            checks.add(new GuardedCheck(entry, guardrail.create(entry.settings(), context)));
            ConfigReader.rejectUnknown(entry.settings(), "for guardrail type " + entry.type());
        }
        return Optional.of(new GuardrailStep(config, checks));
    }
}
