package dev.sluice.plugins.routing;

import dev.sluice.spi.Target;
import java.util.Optional;

/**
 * Where the {@code cheapest} strategy learns what a target costs. Implementations are read by
 * concurrent requests and must be thread-safe.
 *
 * <p>Today the prices come from the targets' configuration ({@link ConfiguredPrices}); another
 * source, such as a bundled price table, plugs in behind the configured prices with
 * {@link #or(Prices)}.
 */
@FunctionalInterface
interface Prices {

    /** The target's price, if known. */
    Optional<Price> of(Target target);

    /** These prices where known, else those of {@code other}. */
    default Prices or(Prices other) {
        return target -> of(target).or(() -> other.of(target));
    }
}
