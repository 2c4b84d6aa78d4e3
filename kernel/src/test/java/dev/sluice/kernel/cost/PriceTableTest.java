package dev.sluice.kernel.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.spi.config.ConfigException;
import dev.sluice.spi.cost.ModelPrice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PriceTableTest {
    private final PriceTable table = PriceTable.bundled();

    @Test
    void theBundledTableIsVersionedByTheDateItsPricesWereChecked() {
        assertThat(table.version()).matches("\\d{4}-\\d{2}-\\d{2}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"openai", "azure-openai", "anthropic", "gemini", "cohere", "mistral", "groq", "together",
        "deepseek", "fireworks", "openrouter", "ollama", "vllm", "mock"})
    void everyProviderTypeOfTheGatewayIsPriced(String type) {
        assertThat(table.types()).contains(type);
        assertThat(table.sheet(type).size() + table.sameAs(type).map(t -> table.sheet(t).size()).orElse(0))
                .isPositive();
    }

    @Test
    void azureOpenAiBillsOpenAisListPrices() {
        assertThat(table.sameAs("azure-openai")).contains("openai");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ollama", "vllm", "mock"})
    void selfHostedAndMockModelsAreExplicitlyFree(String type) {
        assertThat(table.sheet(type).pattern("any-model-at-all")).contains(ModelPrice.FREE);
    }

    @Test
    void noEntryChargesMoreForACacheReadThanForFreshInput() {
        assertThat(Prices.entries()).hasSizeGreaterThan(100).allSatisfy((name, price) -> {
            assertThat(price.cachedInput()).as(name).isLessThanOrEqualTo(price.input());
            assertThat(price.perRequest()).as(name).isZero();
        });
    }

    @Test
    void onlyAnthropicModelsChargeMoreForACacheWriteThanForInput() {
        assertThat(Prices.entries()).allSatisfy((name, price) -> {
            if (!name.startsWith("anthropic/") && !name.startsWith("openrouter/anthropic/")) {
                assertThat(price.cacheWrite()).as(name).isEqualTo(price.input());
            }
        });
    }

    @Test
    void anAliasHasItsModelsPrice() {
        assertThat(table.sheet("mistral").exact("mistral-large-latest"))
                .isEqualTo(table.sheet("mistral").exact("mistral-large-2512"));
    }

    @Test
    void aModelPricedTwiceIsAnError() {
        assertThatThrownBy(() -> PriceTable.parse("""
                version: "2025-12-15"
                providers:
                  openai:
                    source: test
                    models:
                      gpt-4o: { input: 2.5, output: 10, aliases: [gpt-4o] }
                """, "t.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("providers.openai.models.gpt-4o: \"gpt-4o\" is priced twice");
    }

    @Test
    void sameAsMustNameATypeWithItsOwnPrices() {
        assertThatThrownBy(() -> PriceTable.parse("""
                version: "2025-12-15"
                providers:
                  azure-openai: { source: test, same_as: openai, models: {} }
                """, "t.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("same_as: must name a provider type of this table");
    }
}
