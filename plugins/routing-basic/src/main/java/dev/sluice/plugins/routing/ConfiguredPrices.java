package dev.sluice.plugins.routing;

import dev.sluice.spi.Target;
import dev.sluice.spi.config.ConfigException;
import dev.sluice.spi.config.Settings;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Prices from the targets' own {@code price} settings, in US dollars per million tokens:
 * <pre>{@code
 * targets:
 *   - { provider: openai, model: gpt-4o, price: { input: 2.50, output: 10.00 } }
 * }</pre>
 * Both {@code input} and {@code output} are required, numbers of 0 or more. Reading them at
 * configuration load also tells the kernel that {@code price} is a known target key.
 */
final class ConfiguredPrices implements Prices {
    /** The target key holding a price. */
    static final String PRICE = "price";
    static final String INPUT = "input";
    static final String OUTPUT = "output";

    private final Map<Target, Price> prices;

    private ConfiguredPrices(Map<Target, Price> prices) {
        this.prices = Map.copyOf(prices);
    }

    /**
     * Reads and checks the price of every target that has one.
     *
     * @throws ConfigException for a price that is not a mapping, lacks a key, has an unknown key,
     *     or holds a value that is not a number of 0 or more
     */
    static ConfiguredPrices read(List<Target> targets) {
        Map<Target, Price> prices = new HashMap<>();
        for (Target target : targets) {
            target.settings().child(PRICE).ifPresent(price -> prices.put(target, price(price)));
        }
        return new ConfiguredPrices(prices);
    }

    @Override
    public Optional<Price> of(Target target) {
        return Optional.ofNullable(prices.get(target));
    }

    private static Price price(Settings price) {
        Price read = new Price(perMillion(price, INPUT), perMillion(price, OUTPUT));
        Set<String> unknown = price.unreadKeys();
        if (!unknown.isEmpty()) {
            throw price.error(unknown.iterator().next(), "unknown key (a price has input and output, in USD per million"
                    + " tokens)");
        }
        return read;
    }

    private static double perMillion(Settings price, String key) {
        double value = price.number(key)
                .orElseThrow(() -> price.error(key, "required: USD per million " + key + " tokens"));
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw price.error(key, "must be USD per million tokens, 0 or more, got " + value);
        }
        return value;
    }
}
