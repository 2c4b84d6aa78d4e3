package dev.sluice.kernel.state;

import dev.sluice.spi.cost.CostMeter;
import dev.sluice.spi.cost.ModelPrice;
import dev.sluice.spi.model.Usage;
import java.math.BigDecimal;
import java.util.Optional;

/** One price, per million tokens, for every model of the given provider; other providers have none. */
public record FixedPrices(String provider, BigDecimal input, BigDecimal output) implements CostMeter {

    @Override
    public Optional<ModelPrice> price(String p, String model) {
        return p.equals(provider)
                ? Optional.of(new ModelPrice(input, output, input, input, BigDecimal.ZERO)) : Optional.empty();
    }

    @Override
    public Optional<BigDecimal> costOf(String p, String model, Usage usage) {
        return price(p, model).map(price -> price.input().multiply(BigDecimal.valueOf(usage.promptTokens()))
                .add(price.output().multiply(BigDecimal.valueOf(usage.completionTokens())))
                .divide(BigDecimal.valueOf(1_000_000)));
    }
}
