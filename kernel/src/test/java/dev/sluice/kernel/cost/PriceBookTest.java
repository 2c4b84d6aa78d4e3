package dev.sluice.kernel.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.kernel.config.YamlLoader;
import dev.sluice.spi.Target;
import dev.sluice.spi.config.ConfigException;
import dev.sluice.spi.config.Settings;
import dev.sluice.spi.cost.ModelPrice;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How a provider's model finds its price: the matching rules of docs/costs.md. */
class PriceBookTest {
    private static final Map<String, String> PROVIDERS = Map.of(
            "openai", "openai", "openai-eu", "openai", "azure", "azure-openai", "claude", "anthropic",
            "gemini", "gemini", "ds", "deepseek", "or", "openrouter", "local", "ollama", "gpu", "vllm",
            "mock", "mock");
    private static final Set<String> PLUGIN_TYPES = Set.of("openai", "azure-openai", "anthropic", "gemini", "cohere",
            "mistral", "groq", "together", "deepseek", "fireworks", "openrouter", "ollama", "vllm", "mock");

    static PriceBook book(String pricingYaml) {
        Optional<Settings> pricing = YamlLoader.load(pricingYaml, "sluice.yaml", v -> Optional.empty())
                .child("pricing");
        return PriceBook.of(PriceTable.bundled(), PricingConfig.read(pricing, PROVIDERS.keySet()), PROVIDERS,
                PLUGIN_TYPES);
    }

    private static final PriceBook BUNDLED = book("");

    private static BigDecimal input(PriceBook book, String provider, String model) {
        return book.price(provider, model).orElseThrow(() -> new AssertionError(provider + "/" + model + " unpriced"))
                .input();
    }

    @ParameterizedTest
    @CsvSource({
        "openai, gpt-4o, 2.50",
        "openai, gpt-4o-2024-08-06, 2.50",
        "openai, gpt-4o-2024-05-13, 5.00",
        "openai, GPT-4o, 2.50",
        "claude, claude-sonnet-4-5-20250929, 3.00",
        "claude, claude-haiku-4-5, 1.00",
        "claude, claude-3-7-sonnet-latest, 3.00",
        "gemini, models/gemini-2.5-flash, 0.30",
        "gemini, gemini-2.0-flash-001, 0.10",
        "ds, deepseek-reasoner, 0.28",
        "or, anthropic/claude-sonnet-4.5, 3.00",
        "or, meta-llama/llama-3.3-70b-instruct:free, 0",
    })
    void aModelIsFoundByItsNameOrItsSnapshotsFamily(String provider, String model, String price) {
        assertThat(input(BUNDLED, provider, model)).isEqualByComparingTo(price);
    }

    @Test
    void everyProviderOfATypeSharesItsPrices() {
        assertThat(BUNDLED.price("openai-eu", "gpt-4o")).isEqualTo(BUNDLED.price("openai", "gpt-4o"));
    }

    @Test
    void azureOpenAiIsPricedFromOpenAisList() {
        assertThat(BUNDLED.price("azure", "gpt-4.1-mini")).isEqualTo(BUNDLED.price("openai", "gpt-4.1-mini"));
    }

    @Test
    void aPresetHasItsOwnTypesPricesNotOpenAis() {
        assertThat(BUNDLED.price("ds", "gpt-4o")).isEmpty();
    }

    @Test
    void selfHostedModelsAreFreeByExplicitEntryNotUnknown() {
        assertThat(BUNDLED.price("local", "llama3.2:3b")).contains(ModelPrice.FREE);
        assertThat(BUNDLED.price("gpu", "Qwen/Qwen3-8B")).contains(ModelPrice.FREE);
        assertThat(BUNDLED.price("mock", "mock-echo")).contains(ModelPrice.FREE);
    }

    @Test
    void anUnknownModelHasNoPrice() {
        assertThat(BUNDLED.price("openai", "gpt-9-ultra")).isEmpty();
        assertThat(BUNDLED.price("claude", "claude-unknown")).isEmpty();
    }

    @Test
    void aNameNoProviderHasIsReadAsAProviderType() {
        assertThat(BUNDLED.price("anthropic", "claude-opus-4-5")).isEqualTo(BUNDLED.price("claude", "claude-opus-4-5"));
        assertThat(BUNDLED.price("nobody", "gpt-4o")).isEmpty();
    }

    @Test
    void aProvidersOwnPriceBeatsItsTypesWhichBeatsTheTable() {
        PriceBook book = book("""
                pricing:
                  models:
                    - { type: openai, model: gpt-4o, input: 2.00, output: 8 }
                    - { provider: openai-eu, model: gpt-4o, input: 2.75, output: 11 }
                """);

        assertThat(input(book, "openai-eu", "gpt-4o")).isEqualByComparingTo("2.75");
        assertThat(input(book, "openai", "gpt-4o")).isEqualByComparingTo("2.00");
        assertThat(input(book, "openai", "gpt-4o-2024-11-20")).isEqualByComparingTo("2.00");
        assertThat(input(book, "azure", "gpt-4o")).as("Azure bills OpenAI's prices, overrides included")
                .isEqualByComparingTo("2.00");
    }

    @Test
    void aConfiguredPatternPricesWhatTheTableDoesNotKnowAndNothingElse() {
        PriceBook book = book("""
                pricing:
                  models:
                    - { type: openai, model: "*", input: 1, output: 1 }
                    - { provider: local, model: "llama*", input: 0.05, output: 0.10 }
                """);

        assertThat(input(book, "openai", "my-fine-tune")).isEqualByComparingTo("1");
        assertThat(input(book, "openai", "gpt-4o")).isEqualByComparingTo("2.50");
        assertThat(input(book, "local", "llama3.3:70b")).isEqualByComparingTo("0.05");
        assertThat(input(book, "local", "qwen3:8b")).isEqualByComparingTo("0");
    }

    @Test
    void anOmittedCacheReadOrWriteCostsTheInputPrice() {
        ModelPrice price = book("""
                pricing:
                  models:
                    - { provider: claude, model: claude-sonnet-4-5, input: 2.4, output: 12 }
                """).price("claude", "claude-sonnet-4-5").orElseThrow();

        assertThat(price.cachedInput()).isEqualByComparingTo("2.4");
        assertThat(price.cacheWrite()).isEqualByComparingTo("2.4");
        assertThat(price.perRequest()).isZero();
    }

    @Test
    void aProviderTypeNeitherPluginsNorTheTableKnowIsAnError() {
        assertThatThrownBy(() -> book("""
                pricing:
                  models:
                    - { type: bedrock, model: "*", input: 1, output: 1 }
                """))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("sluice.yaml:3")
                .hasMessageContaining("pricing.models[0].type: unknown provider type \"bedrock\"");
    }

    @Test
    void unpricedTargetsAreNotedOncePerModel() {
        Target known = new Target("openai", "gpt-4o", 1, Settings.empty("t"));
        Target unknown = new Target("azure", "my-deployment", 1, Settings.empty("t"));

        assertThat(BUNDLED.notes(List.of(known, unknown, unknown)))
                .singleElement().asString().startsWith("target azure/my-deployment has no price");
    }

    @Test
    void anUnpricedCallIsReportedOnce() {
        PriceBook book = book("");

        assertThat(book.reportUnpriced("openai", "gpt-9")).isTrue();
        assertThat(book.reportUnpriced("openai", "gpt-9")).isFalse();
        assertThat(book.unpriced()).containsExactly("openai/gpt-9");
    }

    @Test
    void aRepeatedLookupIsAnsweredFromTheCache() {
        Optional<ModelPrice> first = BUNDLED.price("openai", "gpt-4o-mini");

        assertThat(BUNDLED.price("openai", "gpt-4o-mini")).isSameAs(first);
    }
}
