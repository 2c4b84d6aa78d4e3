package dev.sluice.kernel.cost;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.spi.model.Usage;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/**
 * Costs of fixed calls, in each provider's usage shape, against figures worked out by hand from
 * the bundled table: input x (prompt - cache reads - cache writes) + cached_input x cache reads
 * + cache_write x cache writes + output x completion, per million tokens, + per_request.
 */
class ProviderCostTest {
    private final PriceBook prices = PriceBookTest.book("""
            pricing:
              models:
                - { provider: openai, model: sonar-like, input: 1, output: 1, per_request: 0.005 }
            """);

    private BigDecimal cost(String provider, String model, Usage usage) {
        return prices.costOf(provider, model, usage).orElseThrow();
    }

    @Test
    void openAiCachedTokensCostTheCachedInputPrice() {
        // gpt-4o: 500 x 2.50 + 1,500 x 1.25 + 100 x 10.00 = 4,125 per million
        assertThat(cost("openai", "gpt-4o-2024-08-06", Usages.openai(2000, 1500, 100, 0)))
                .isEqualByComparingTo("0.004125");
    }

    @Test
    void openAiReasoningTokensAreOutputTokens() {
        // o4-mini: 1,000 x 1.10 + 3,000 x 4.40 (2,500 of them reasoning) = 14,300 per million
        assertThat(cost("openai", "o4-mini", Usages.openai(1000, 0, 3000, 2500))).isEqualByComparingTo("0.0143");
    }

    @Test
    void azureOpenAiCostsWhatOpenAiDoes() {
        // gpt-4o: 33 x 2.50 + 557 x 10.00 = 5,652.5 per million
        assertThat(cost("azure", "gpt-4o", Usages.openai(33, 0, 557, 0))).isEqualByComparingTo("0.0056525");
    }

    @Test
    void anthropicCacheReadsAndWritesHaveTheirOwnPrices() {
        // claude-sonnet-4-5: 100 x 3.00 + 2,000 x 0.30 + 1,000 x 3.75 + 50 x 15.00 = 5,400 per million
        assertThat(cost("claude", "claude-sonnet-4-5-20250929", Usages.anthropic(100, 2000, 1000, 50)))
                .isEqualByComparingTo("0.0054");
    }

    @Test
    void anthropicCacheWritesOfOpusFourFive() {
        // claude-opus-4-5: 10 x 5.00 + 5,000 x 6.25 + 400 x 25.00 = 41,300 per million
        assertThat(cost("claude", "claude-opus-4-5", Usages.anthropic(10, 0, 5000, 400)))
                .isEqualByComparingTo("0.0413");
    }

    @Test
    void geminiCachedContentCostsTheCachingPriceAndThoughtsAreOutput() {
        // gemini-2.5-flash: 2,000 x 0.30 + 8,000 x 0.03 + (200 + 300) x 2.50 = 2,090 per million
        assertThat(cost("gemini", "gemini-2.5-flash", Usages.gemini(10_000, 8000, 200, 300)))
                .isEqualByComparingTo("0.00209");
    }

    @Test
    void geminiProWithoutCache() {
        // gemini-2.5-pro: 4,000 x 1.25 + 1,000 x 10.00 = 15,000 per million
        assertThat(cost("gemini", "models/gemini-2.5-pro", Usages.gemini(4000, 0, 1000, 0)))
                .isEqualByComparingTo("0.015");
    }

    @Test
    void cohereCommandA() {
        // command-a-03-2025: 71 x 2.50 + 418 x 10.00 = 4,357.5 per million
        assertThat(cost("cohere", "command-a-03-2025", Usages.cohere(71, 418))).isEqualByComparingTo("0.0043575");
    }

    @Test
    void cohereCommandR7b() {
        // command-r7b-12-2024: 1,000 x 0.0375 + 1,000 x 0.15 = 187.5 per million
        assertThat(cost("cohere", "command-r7b-12-2024", Usages.cohere(1000, 1000))).isEqualByComparingTo("0.0001875");
    }

    @Test
    void deepSeekCacheHitsAndReasoning() {
        // deepseek-reasoner: 400 x 0.28 + 600 x 0.028 + 500 x 0.42 (300 of them reasoning) = 338.8 per million
        assertThat(cost("ds", "deepseek-reasoner", Usages.deepseek(1000, 600, 500, 300)))
                .isEqualByComparingTo("0.0003388");
    }

    @Test
    void embeddingsCostTheirInputTokens() {
        // text-embedding-3-small: 1,000 x 0.02 = 20 per million; embed-v4.0: 500 x 0.12 = 60 per million
        assertThat(cost("openai", "text-embedding-3-small", Usages.embeddings(1000))).isEqualByComparingTo("0.00002");
        assertThat(cost("cohere", "embed-v4.0", Usages.embeddings(500))).isEqualByComparingTo("0.00006");
    }

    @Test
    void aPerRequestChargeIsAddedOnce() {
        // 1,000 x 1 + 1,000 x 1 = 2,000 per million, + 0.005
        assertThat(cost("openai", "sonar-like", Usage.of(1000, 1000))).isEqualByComparingTo("0.007");
    }

    @Test
    void selfHostedCallsCostZero() {
        assertThat(cost("local", "llama3.2", Usage.of(5000, 5000))).isZero();
    }

    @Test
    void theHeaderRoundsToTenPlacesWithoutTrailingZerosOrExponent() {
        assertThat(CostHeaders.usd(new BigDecimal("0.0000149"))).isEqualTo("0.0000149");
        assertThat(CostHeaders.usd(new BigDecimal("0.004125000"))).isEqualTo("0.004125");
        assertThat(CostHeaders.usd(new BigDecimal("0.12345678905"))).isEqualTo("0.1234567891");
        assertThat(CostHeaders.usd(new BigDecimal("0.00000000001"))).isEqualTo("0");
        assertThat(CostHeaders.usd(BigDecimal.ZERO)).isEqualTo("0");
        assertThat(CostHeaders.usd(new BigDecimal("1.2E+3"))).isEqualTo("1200");
    }
}
