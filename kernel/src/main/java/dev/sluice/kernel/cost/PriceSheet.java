package dev.sluice.kernel.cost;

import dev.sluice.spi.cost.ModelPrice;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The prices of one scope, a provider type in the bundled table or the configured entries of a
 * provider type or provider: exact model names, and patterns most specific first. Immutable.
 */
final class PriceSheet {
    /** No prices. */
    static final PriceSheet EMPTY = new PriceSheet(Map.of(), List.of());

    private final Map<String, ModelPrice> exact;
    private final List<Priced> patterns;

    /** A pattern and its price. */
    private record Priced(String pattern, ModelPrice price) {
    }

    private PriceSheet(Map<String, ModelPrice> exact, List<Priced> patterns) {
        this.exact = Map.copyOf(exact);
        this.patterns = List.copyOf(patterns);
    }

    /** The price listed under exactly this normal name. */
    Optional<ModelPrice> exact(String normal) {
        return Optional.ofNullable(exact.get(normal));
    }

    /** The price of the most specific pattern the normal name matches. */
    Optional<ModelPrice> pattern(String normal) {
        for (Priced p : patterns) {
            if (ModelNames.matches(p.pattern(), normal)) {
                return Optional.of(p.price());
            }
        }
        return Optional.empty();
    }

    /** How many names and patterns it prices. */
    int size() {
        return exact.size() + patterns.size();
    }

    /** Collects a sheet; keys are normalised as they are added. */
    static final class Builder {
        private final Map<String, ModelPrice> exact = new HashMap<>();
        private final List<Priced> patterns = new ArrayList<>();

        /** Adds a price; false when the sheet has the name already (the caller reports it). */
        boolean add(String model, ModelPrice price) {
            String key = ModelNames.normal(model);
            if (ModelNames.isPattern(key)) {
                if (patterns.stream().anyMatch(p -> p.pattern().equals(key))) {
                    return false;
                }
                patterns.add(new Priced(key, price));
                return true;
            }
            return exact.putIfAbsent(key, price) == null;
        }

        PriceSheet build() {
            List<Priced> sorted = new ArrayList<>(patterns);
            sorted.sort(Comparator.comparingInt((Priced p) -> ModelNames.specificity(p.pattern())).reversed());
            return new PriceSheet(exact, sorted);
        }
    }
}
