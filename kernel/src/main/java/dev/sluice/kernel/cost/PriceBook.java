package dev.sluice.kernel.cost;

import dev.sluice.spi.Target;
import dev.sluice.spi.cost.CostMeter;
import dev.sluice.spi.cost.ModelPrice;
import dev.sluice.spi.model.Usage;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * The prices of one configuration: the bundled table under the configuration's {@code pricing}
 * entries, seen through its providers' types. A provider's model is looked up, in this order of
 * scopes, in the entries for that provider's name, the entries for its type, the table's prices
 * for its type, and then (for a type the table prices as another, such as {@code azure-openai})
 * the entries and table prices of that other type. The model's exact name is tried in every scope
 * first, then its name without a snapshot stamp, then patterns (see {@link ModelNames}).
 *
 * <p>Thread-safe. Each (provider, model) pair is resolved once and cached, so a lookup on the hot
 * path is two hash-map reads; the cache is bounded, since direct routing lets clients name models.
 */
public final class PriceBook implements CostMeter {
    private static final Logger LOG = Logger.getLogger(PriceBook.class.getName());
    private static final int MAX_MODELS_PER_PROVIDER = 4096;
    private static final int MAX_PROVIDERS = 1024;
    private static final int MAX_UNPRICED = 1000;

    private final PriceTable table;
    private final Map<String, String> types;
    private final Map<String, PriceSheet> byProvider;
    private final Map<String, PriceSheet> byType;
    private final Map<String, Map<String, Optional<ModelPrice>>> resolved = new ConcurrentHashMap<>();
    private final Set<String> unpriced = ConcurrentHashMap.newKeySet();

    private PriceBook(PriceTable table, Map<String, String> types, Map<String, PriceSheet> byProvider,
            Map<String, PriceSheet> byType) {
        this.table = table;
        this.types = Map.copyOf(types);
        this.byProvider = Map.copyOf(byProvider);
        this.byType = Map.copyOf(byType);
    }

    /** The bundled table alone, with every provider name read as a provider type. */
    public static PriceBook bundled() {
        return new PriceBook(PriceTable.bundled(), Map.of(), Map.of(), Map.of());
    }

    /**
     * The prices of a configuration.
     *
     * @param table the bundled table
     * @param pricing the configuration's {@code pricing}
     * @param providerTypes every configured provider's name and type (enabled or not)
     * @param knownTypes the provider types the plugins provide
     * @throws dev.sluice.spi.config.ConfigException for an entry whose {@code type} neither a plugin
     *     nor the table knows
     */
    public static PriceBook of(PriceTable table, PricingConfig pricing, Map<String, String> providerTypes,
            Set<String> knownTypes) {
        Map<String, PriceSheet.Builder> providers = new HashMap<>();
        Map<String, PriceSheet.Builder> types = new HashMap<>();
        for (PricingConfig.Entry entry : pricing.models()) {
            if (entry.type().isPresent() && !knownTypes.contains(entry.type().get())
                    && !table.types().contains(entry.type().get())) {
                Set<String> known = new TreeSet<>(knownTypes);
                known.addAll(table.types());
                throw entry.origin().error(PricingConfig.TYPE, "unknown provider type \"" + entry.type().get()
                        + "\" (known: " + String.join(", ", known) + ")");
            }
            Map<String, PriceSheet.Builder> scope = entry.provider().isPresent() ? providers : types;
            scope.computeIfAbsent(entry.provider().or(entry::type).orElseThrow(), k -> new PriceSheet.Builder())
                    .add(entry.model(), entry.price());
        }
        return new PriceBook(table, providerTypes, built(providers), built(types));
    }

    private static Map<String, PriceSheet> built(Map<String, PriceSheet.Builder> builders) {
        Map<String, PriceSheet> out = new HashMap<>();
        builders.forEach((key, builder) -> out.put(key, builder.build()));
        return out;
    }

    /** The version of the bundled table underneath. */
    public String tableVersion() {
        return table.version();
    }

    @Override
    public Optional<ModelPrice> price(String provider, String model) {
        if (provider == null || model == null) {
            return Optional.empty();
        }
        Map<String, Optional<ModelPrice>> models = resolved.get(provider);
        if (models != null) {
            Optional<ModelPrice> known = models.get(model);
            if (known != null) {
                return known;
            }
        }
        Optional<ModelPrice> price = resolve(provider, model);
        if (models == null && resolved.size() < MAX_PROVIDERS) {
            models = resolved.computeIfAbsent(provider, p -> new ConcurrentHashMap<>());
        }
        if (models != null && models.size() < MAX_MODELS_PER_PROVIDER) {
            models.put(model, price);
        }
        return price;
    }

    @Override
    public Optional<BigDecimal> costOf(String provider, String model, Usage usage) {
        return price(provider, model).map(p -> p.costOf(usage));
    }

    /** The provider type whose prices apply to a provider name (the name itself when no provider has it). */
    public String typeOf(String provider) {
        return types.getOrDefault(provider, provider);
    }

    /**
     * Remembers that a call of a model could not be costed; logs it the first time.
     *
     * @return whether this is the first time
     */
    boolean reportUnpriced(String provider, String model) {
        if (unpriced.size() >= MAX_UNPRICED || !unpriced.add(provider + "/" + model)) {
            return false;
        }
        LOG.warning("model \"" + model + "\" of provider " + provider + " (type " + typeOf(provider) + ") has no"
                + " price: its calls have no cost (x-sluice-cost: unpriced). Price it under pricing.models.");
        return true;
    }

    /** Every {@code provider/model} whose calls could not be costed so far, sorted. */
    public List<String> unpriced() {
        return List.copyOf(new TreeSet<>(unpriced));
    }

    /** A note for each target whose model has no price, for the log and {@code sluice check}. */
    public List<String> notes(Collection<Target> targets) {
        Set<String> notes = new LinkedHashSet<>();
        for (Target target : targets) {
            if (price(target.provider(), target.model()).isEmpty()) {
                notes.add("target " + target.provider() + "/" + target.model() + " has no price: its calls are costed"
                        + " only when the upstream names a priced model in its answer (add it under pricing.models)");
            }
        }
        return List.copyOf(notes);
    }

    private Optional<ModelPrice> resolve(String provider, String model) {
        List<PriceSheet> sheets = scopes(provider);
        String name = ModelNames.normal(model);
        for (PriceSheet sheet : sheets) {
            Optional<ModelPrice> price = sheet.exact(name);
            if (price.isPresent()) {
                return price;
            }
        }
        Optional<String> unstamped = ModelNames.unstamped(name);
        if (unstamped.isPresent()) {
            for (PriceSheet sheet : sheets) {
                Optional<ModelPrice> price = sheet.exact(unstamped.get());
                if (price.isPresent()) {
                    return price;
                }
            }
        }
        for (PriceSheet sheet : sheets) {
            Optional<ModelPrice> price = sheet.pattern(name);
            if (price.isPresent()) {
                return price;
            }
        }
        return Optional.empty();
    }

    private List<PriceSheet> scopes(String provider) {
        String type = typeOf(provider);
        List<PriceSheet> sheets = new ArrayList<>();
        if (types.containsKey(provider)) {
            sheets.add(byProvider.getOrDefault(provider, PriceSheet.EMPTY));
        }
        sheets.add(byType.getOrDefault(type, PriceSheet.EMPTY));
        sheets.add(table.sheet(type));
        table.sameAs(type).ifPresent(other -> {
            sheets.add(byType.getOrDefault(other, PriceSheet.EMPTY));
            sheets.add(table.sheet(other));
        });
        sheets.removeIf(sheet -> sheet.size() == 0);
        return sheets;
    }
}
