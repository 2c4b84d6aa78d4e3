package dev.sluice.kernel.cost;

import dev.sluice.kernel.config.ConfigReader;
import dev.sluice.spi.config.Settings;
import dev.sluice.spi.cost.ModelPrice;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The configuration's {@code pricing} key: prices that override or extend the bundled table, for
 * one provider (by its name) or for every provider of a type.
 * <pre>{@code
 * pricing:
 *   models:
 *     - { provider: openai, model: gpt-4o, input: 2.5, output: 10, cached_input: 1.25 }
 *     - { type: vllm, model: "*", input: 0.05, output: 0.10 }
 * }</pre>
 *
 * @param models the entries, in file order
 */
public record PricingConfig(List<Entry> models) {
    /** No configured prices: the bundled table alone. */
    public static final PricingConfig NONE = new PricingConfig(List.of());

    static final String PROVIDER = "provider";
    static final String TYPE = "type";
    static final String MODEL = "model";

    public PricingConfig {
        models = List.copyOf(models);
    }

    /**
     * One configured price.
     *
     * @param provider the configured provider it applies to, or empty for {@code type}
     * @param type the provider type it applies to, or empty for {@code provider}
     * @param model the model name or pattern
     * @param price the price
     * @param origin the list item, for messages
     */
    public record Entry(Optional<String> provider, Optional<String> type, String model, ModelPrice price,
            Settings origin) {
    }

    /**
     * Reads {@code pricing}; every {@code provider} must name a configured provider. Provider
     * types are checked when the gateway is assembled, against the plugins and the table.
     *
     * @param pricing the {@code pricing} mapping, if present
     * @param providers the names of the configured providers
     */
    public static PricingConfig read(Optional<Settings> pricing, Set<String> providers) {
        if (pricing.isEmpty()) {
            return NONE;
        }
        List<Entry> entries = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Settings m : pricing.get().list("models")) {
            if (!m.isMapping()) {
                throw m.error("", "expected a mapping: { provider or type, model, input, output, ... }");
            }
            Optional<String> provider = m.string(PROVIDER);
            Optional<String> type = m.string(TYPE);
            if (provider.isPresent() == type.isPresent()) {
                throw m.error("", "give either provider (a configured provider's name) or type (a provider type)");
            }
            if (provider.isPresent() && !providers.contains(provider.get())) {
                throw m.error(PROVIDER, "no provider is named \"" + provider.get() + "\" (to price every provider of a"
                        + " type, write type: " + provider.get() + ")");
            }
            String model = m.requireString(MODEL);
            ModelPrice price = PriceFields.read(m);
            ConfigReader.rejectUnknown(m, "(a price has provider or type, model, input, output, cached_input,"
                    + " cache_write and per_request)");
            String scope = provider.map(p -> "provider " + p).orElseGet(() -> "type " + type.get());
            if (!seen.add(scope + "\n" + ModelNames.normal(model))) {
                throw m.error(MODEL, "\"" + model + "\" is priced twice for " + scope);
            }
            entries.add(new Entry(provider, type, model, price, m));
        }
        ConfigReader.rejectUnknown(pricing.get());
        return new PricingConfig(entries);
    }
}
