package dev.sluice.kernel.cost;

import dev.sluice.spi.config.Settings;
import dev.sluice.spi.cost.ModelPrice;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * The price keys of a price-table entry and of a {@code pricing.models} item, in US dollars:
 * {@code input} and {@code output} per million tokens (required), {@code cached_input} and
 * {@code cache_write} per million tokens (default: {@code input}), {@code per_request} (default 0).
 */
final class PriceFields {
    static final String INPUT = "input";
    static final String OUTPUT = "output";
    static final String CACHED_INPUT = "cached_input";
    static final String CACHE_WRITE = "cache_write";
    static final String PER_REQUEST = "per_request";

    private PriceFields() {
    }

    /** Reads the price keys of a mapping (and only those: the caller checks for unknown keys). */
    static ModelPrice read(Settings s) {
        BigDecimal input = amount(s, INPUT).orElseThrow(() -> s.error(INPUT, "required: US dollars per million"
                + " input tokens"));
        BigDecimal output = amount(s, OUTPUT).orElseThrow(() -> s.error(OUTPUT, "required: US dollars per million"
                + " output tokens (0 for an embedding model)"));
        return new ModelPrice(input, output, amount(s, CACHED_INPUT).orElse(input),
                amount(s, CACHE_WRITE).orElse(input), amount(s, PER_REQUEST).orElse(BigDecimal.ZERO));
    }

    private static Optional<BigDecimal> amount(Settings s, String key) {
        return s.string(key).map(text -> {
            BigDecimal value;
            try {
                value = new BigDecimal(text.trim());
            } catch (NumberFormatException e) {
                throw s.error(key, "expected US dollars, a number of 0 or more, got \"" + text + "\"");
            }
            if (value.signum() < 0) {
                throw s.error(key, "must be 0 or more, got " + text);
            }
            return value;
        });
    }
}
