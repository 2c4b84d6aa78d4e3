package dev.sluice.plugins.audit.otlp;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the provider entry name an audit record carries into a {@code gen_ai.provider.name}
 * value. The record names the configured entry ({@code providers[].name}), not its type, so the
 * name is looked up first in the operator's {@code provider_names} mapping, then among the
 * Sluice provider types that have a well-known value (an entry named after its type, the usual
 * case, maps right), and is otherwise passed on as it is, which the conventions allow.
 */
final class ProviderNames {

    /** Sluice provider types (and the common entry name {@code azure}) with a well-known value. */
    static final Map<String, String> WELL_KNOWN = Map.ofEntries(
            Map.entry("openai", "openai"),
            Map.entry("anthropic", "anthropic"),
            Map.entry("gemini", "gcp.gemini"),
            Map.entry("azure-openai", "azure.ai.openai"),
            Map.entry("azure", "azure.ai.openai"),
            Map.entry("cohere", "cohere"),
            Map.entry("mistral", "mistral_ai"),
            Map.entry("groq", "groq"),
            Map.entry("deepseek", "deepseek"));

    private final Map<String, String> names;

    /** @param configured entry name to {@code gen_ai.provider.name}, winning over the well-known table */
    ProviderNames(Map<String, String> configured) {
        Map<String, String> all = new HashMap<>(WELL_KNOWN);
        all.putAll(configured);
        this.names = Map.copyOf(all);
    }

    /** The {@code gen_ai.provider.name} for a provider entry name. */
    String of(String entryName) {
        String exact = names.get(entryName);
        if (exact != null) {
            return exact;
        }
        return names.getOrDefault(entryName.toLowerCase(Locale.ROOT), entryName);
    }
}
