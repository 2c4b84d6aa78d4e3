package dev.sluice.kernel.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.kernel.config.YamlLoader;
import dev.sluice.spi.config.ConfigException;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PricingConfigTest {

    private static PricingConfig read(String yaml) {
        return PricingConfig.read(YamlLoader.load(yaml, "sluice.yaml", v -> Optional.empty()).child("pricing"),
                Set.of("openai", "local"));
    }

    @Test
    void withoutPricingOnlyTheTableApplies() {
        assertThat(read("server: {}").models()).isEmpty();
    }

    @Test
    void anEntryNamesAProviderOrAType() {
        PricingConfig pricing = read("""
                pricing:
                  models:
                    - { provider: openai, model: gpt-4o, input: 2.5, output: 10, cached_input: 1.25 }
                    - { type: vllm, model: "*", input: 0.05, output: 0.1, per_request: 0.0001 }
                """);

        assertThat(pricing.models()).hasSize(2);
        assertThat(pricing.models().get(0).provider()).contains("openai");
        assertThat(pricing.models().get(0).price().cachedInput()).isEqualByComparingTo("1.25");
        assertThat(pricing.models().get(1).type()).contains("vllm");
        assertThat(pricing.models().get(1).price().perRequest()).isEqualByComparingTo("0.0001");
    }

    @Test
    void bothProviderAndTypeIsAnError() {
        assertThatThrownBy(() -> read("""
                pricing:
                  models:
                    - { provider: openai, type: openai, model: gpt-4o, input: 2.5, output: 10 }
                """)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("pricing.models[0]: give either provider");
    }

    @Test
    void aProviderNoEntryHasIsAnErrorThatPointsAtType() {
        assertThatThrownBy(() -> read("""
                pricing:
                  models:
                    - { provider: anthropic, model: claude-haiku-4-5, input: 1, output: 5 }
                """)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("sluice.yaml:3")
                .hasMessageContaining("no provider is named \"anthropic\" (to price every provider of a type, write"
                        + " type: anthropic)");
    }

    @Test
    void aMissingOutputPriceIsAnError() {
        assertThatThrownBy(() -> read("""
                pricing:
                  models:
                    - { provider: openai, model: gpt-4o, input: 2.5 }
                """)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("pricing.models[0].output: required");
    }

    @Test
    void aNegativeOrNonNumericPriceIsAnError() {
        assertThatThrownBy(() -> read("""
                pricing:
                  models:
                    - { provider: openai, model: gpt-4o, input: -1, output: 10 }
                """)).hasMessageContaining("pricing.models[0].input: must be 0 or more");
        assertThatThrownBy(() -> read("""
                pricing:
                  models:
                    - { provider: openai, model: gpt-4o, input: cheap, output: 10 }
                """)).hasMessageContaining("expected US dollars, a number of 0 or more, got \"cheap\"");
    }

    @Test
    void anUnknownKeyIsAnError() {
        assertThatThrownBy(() -> read("""
                pricing:
                  models:
                    - { provider: openai, model: gpt-4o, input: 2.5, output: 10, cache_read: 1.25 }
                """)).hasMessageContaining("pricing.models[0].cache_read: unknown key");
        assertThatThrownBy(() -> read("""
                pricing:
                  file: prices.yaml
                """)).hasMessageContaining("pricing.file: unknown key");
    }

    @Test
    void theSameModelTwiceForOneScopeIsAnError() {
        assertThatThrownBy(() -> read("""
                pricing:
                  models:
                    - { type: openai, model: gpt-4o, input: 2.5, output: 10 }
                    - { type: openai, model: GPT-4o, input: 2, output: 8 }
                """)).hasMessageContaining("pricing.models[1].model: \"GPT-4o\" is priced twice for type openai");
    }
}
