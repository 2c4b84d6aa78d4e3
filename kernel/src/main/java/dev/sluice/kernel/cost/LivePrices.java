package dev.sluice.kernel.cost;

import dev.sluice.spi.cost.CostMeter;
import dev.sluice.spi.cost.ModelPrice;
import dev.sluice.spi.model.Usage;
import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * The gateway's {@link CostMeter} for extensions: one object for the life of the process, which
 * always answers with the prices of the configuration serving now. Each assembled configuration
 * installs its {@link PriceBook}; until the first one does, the bundled table alone answers.
 * Safe to keep and to call from any thread.
 */
public final class LivePrices implements CostMeter {
    private volatile PriceBook book = PriceBook.bundled();

    /** Answers with these prices from now on. */
    public void use(PriceBook prices) {
        this.book = Objects.requireNonNull(prices);
    }

    /** The prices answering now. */
    public PriceBook book() {
        return book;
    }

    @Override
    public Optional<ModelPrice> price(String provider, String model) {
        return book.price(provider, model);
    }

    @Override
    public Optional<BigDecimal> costOf(String provider, String model, Usage usage) {
        return book.costOf(provider, model, usage);
    }
}
