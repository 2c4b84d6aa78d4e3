package dev.sluice.spi.cost;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * What a provider charges for one model, in US dollars.
 *
 * @param input per million input tokens that were not read from a cache
 * @param output per million output tokens (reasoning included)
 * @param cachedInput per million input tokens read from the provider's prompt cache
 * @param cacheWrite per million input tokens written to the provider's prompt cache
 * @param perRequest a fixed charge per request, where a provider has one (else zero)
 */
public record ModelPrice(BigDecimal input, BigDecimal output, BigDecimal cachedInput, BigDecimal cacheWrite,
        BigDecimal perRequest) {

    public ModelPrice {
        Objects.requireNonNull(input);
        Objects.requireNonNull(output);
        Objects.requireNonNull(cachedInput);
        Objects.requireNonNull(cacheWrite);
        Objects.requireNonNull(perRequest);
    }
}
