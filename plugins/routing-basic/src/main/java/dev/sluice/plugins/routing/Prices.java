package dev.sluice.plugins.routing;

import dev.sluice.spi.Target;
import java.util.Optional;

/**
 * Where the {@code cheapest} strategy learns what a target costs. Implementations are read by
 * concurrent requests and must be thread-safe.
 *
 * <p>The prices come from the targets' configuration ({@link ConfiguredPrices}), and behind them,
 * with {@link #or(Prices)}, from the gateway's price table.
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
