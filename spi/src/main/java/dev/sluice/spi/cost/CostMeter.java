package dev.sluice.spi.cost;

import dev.sluice.spi.model.Usage;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * Prices and costs of model calls, from the gateway's price table (bundled, and overridden or
 * extended in the configuration). Obtained from {@link dev.sluice.spi.GatewayContext#costs()}.
 * <pre>{@code
 * Optional<BigDecimal> usd = context.costs().costOf("openai", "gpt-4o", usage);
 * }</pre>
 * A model the table does not know has no price: callers report it, and never count it as free.
 */
public interface CostMeter {

    /** A meter that knows no price (the default until a price table is installed). */
    CostMeter NONE = new CostMeter() {
        @Override
        public Optional<ModelPrice> price(String provider, String model) {
            return Optional.empty();
        }

        @Override
        public Optional<BigDecimal> costOf(String provider, String model, Usage usage) {
            return Optional.empty();
        }
    };

    /**
     * The price of a model as a provider serves it.
     *
     * @param provider the configured provider name (its type decides which prices apply)
     * @param model the upstream model name, as sent or as the upstream reported it
     */
    Optional<ModelPrice> price(String provider, String model);

    /** The cost in US dollars of a call with this (normalised) usage; empty when the model has no price. */
    Optional<BigDecimal> costOf(String provider, String model, Usage usage);
}
