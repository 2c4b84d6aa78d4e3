package dev.sluice.spi.cost;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.spi.model.Usage;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * What a provider charges for one model, in US dollars.
 *
 * <p>The cost of a call is {@link #costOf(Usage)}: every input token that was neither read from
 * nor written to the provider's prompt cache at {@code input}, cache reads at {@code cachedInput},
 * cache writes at {@code cacheWrite}, every output token (reasoning included) at {@code output},
 * all per million tokens, plus {@code perRequest}:
 * <pre>{@code
 * ModelPrice gpt4o = ModelPrice.perMillion("2.50", "10.00").withCachedInput("1.25");
 * BigDecimal usd = gpt4o.costOf(usage);   // 1,000 prompt tokens (200 cached), 100 out: 0.00325
 * }</pre>
 *
 * @param input per million input tokens that were not read from a cache
 * @param output per million output tokens (reasoning included)
 * @param cachedInput per million input tokens read from the provider's prompt cache
 * @param cacheWrite per million input tokens written to the provider's prompt cache
 * @param perRequest a fixed charge per request, where a provider has one (else zero)
 */
public record ModelPrice(BigDecimal input, BigDecimal output, BigDecimal cachedInput, BigDecimal cacheWrite,
        BigDecimal perRequest) {

    /** Nothing to pay: self-hosted models, the mock provider. */
    public static final ModelPrice FREE = perMillion(BigDecimal.ZERO, BigDecimal.ZERO);

    public ModelPrice {
        Objects.requireNonNull(input);
        Objects.requireNonNull(output);
        Objects.requireNonNull(cachedInput);
        Objects.requireNonNull(cacheWrite);
        Objects.requireNonNull(perRequest);
    }

    /** A price with no cache discount, no cache-write surcharge and no per-request charge. */
    public static ModelPrice perMillion(BigDecimal input, BigDecimal output) {
        return new ModelPrice(input, output, input, input, BigDecimal.ZERO);
    }

    /** {@link #perMillion(BigDecimal, BigDecimal)} from decimal text such as {@code "2.50"}. */
    public static ModelPrice perMillion(String input, String output) {
        return perMillion(new BigDecimal(input), new BigDecimal(output));
    }

    /** A copy with another price for cache reads. */
    public ModelPrice withCachedInput(String value) {
        return new ModelPrice(input, output, new BigDecimal(value), cacheWrite, perRequest);
    }

    /** A copy with another price for cache writes. */
    public ModelPrice withCacheWrite(String value) {
        return new ModelPrice(input, output, cachedInput, new BigDecimal(value), perRequest);
    }

    /**
     * The cost in US dollars of one call with this (normalised) usage, unrounded. Cache reads are
     * {@code prompt_tokens_details.cached_tokens} (or DeepSeek's {@code prompt_cache_hit_tokens}
     * when that is all there is), cache writes {@code prompt_tokens_details.cache_creation_tokens};
     * both are part of {@code prompt_tokens}.
     */
    public BigDecimal costOf(Usage usage) {
        long prompt = Math.max(0, usage.promptTokens());
        long cached = Math.min(prompt, cacheReads(usage));
        long written = Math.min(prompt - cached, detail(usage.promptTokensDetails(), "cache_creation_tokens"));
        long uncached = prompt - cached - written;
        BigDecimal tokens = input.multiply(BigDecimal.valueOf(uncached))
                .add(cachedInput.multiply(BigDecimal.valueOf(cached)))
                .add(cacheWrite.multiply(BigDecimal.valueOf(written)))
                .add(output.multiply(BigDecimal.valueOf(Math.max(0, usage.completionTokens()))));
        return tokens.movePointLeft(6).add(perRequest);
    }

    private static long cacheReads(Usage usage) {
        JsonNode details = usage.promptTokensDetails();
        if (details != null && details.path("cached_tokens").isNumber()) {
            return Math.max(0, details.path("cached_tokens").asLong());
        }
        JsonNode hits = usage.extra().get("prompt_cache_hit_tokens");
        return hits != null && hits.isNumber() ? Math.max(0, hits.asLong()) : 0;
    }

    private static long detail(JsonNode details, String field) {
        return details == null ? 0 : Math.max(0, details.path(field).asLong(0));
    }
}
