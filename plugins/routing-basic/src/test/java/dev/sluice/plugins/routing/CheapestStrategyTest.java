package dev.sluice.plugins.routing;

import static dev.sluice.plugins.routing.Targets.noOptions;
import static dev.sluice.plugins.routing.Targets.priced;
import static dev.sluice.plugins.routing.Targets.settings;
import static dev.sluice.plugins.routing.Targets.target;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.sluice.spi.Target;
import dev.sluice.spi.TargetSelector;
import dev.sluice.spi.config.ConfigException;
import dev.sluice.spi.config.Settings;
import dev.sluice.spi.cost.CostMeter;
import dev.sluice.spi.cost.ModelPrice;
import dev.sluice.spi.model.Usage;
import java.math.BigDecimal;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CheapestStrategyTest {
    private final Target mini = priced("openai", "gpt-4o-mini", 0.15, 0.60);
    private final Target haiku = priced("anthropic", "claude-haiku-4-5", 1.00, 5.00);
    private final Target large = priced("openai", "gpt-4o", 2.50, 10.00);
    private final Target unpriced = target("azure", "gpt-4o", 1);
    private final FakeContext context = new FakeContext();

    private TargetSelector selector(Settings options, Target... targets) {
        return Targets.selector(new CheapestStrategy(), options, context, targets);
    }

    @Test
    void strategyIsNamedCheapest() {
        assertThat(new CheapestStrategy().name()).isEqualTo("cheapest");
    }

    @Test
    void cheapestTargetComesFirstAndTheRestByCost() {
        assertThat(selector(noOptions(), large, haiku, mini).order(Exchanges.chat())).containsExactly(mini, haiku, large);
    }

    @Test
    void openTargetIsSkippedHoweverCheap() {
        context.health(mini, Health.open());

        assertThat(selector(noOptions(), large, haiku, mini).order(Exchanges.chat())).containsExactly(haiku, large, mini);
    }

    @Test
    void degradedTargetComesAfterHealthyOnesHoweverCheap() {
        context.health(mini, Health.degraded());

        assertThat(selector(noOptions(), mini, large).order(Exchanges.chat())).containsExactly(large, mini);
    }

    @Test
    void targetsWithoutPriceComeAfterPricedOnesInConfiguredOrder() {
        Target otherUnpriced = target("bedrock", "nova-lite", 1);

        assertThat(selector(noOptions(), unpriced, large, otherUnpriced, mini).order(Exchanges.chat()))
                .containsExactly(mini, large, unpriced, otherUnpriced);
    }

    /** A price table that knows one model. */
    private static CostMeter table(String provider, String model, String input, String output) {
        return new CostMeter() {
            @Override
            public Optional<ModelPrice> price(String p, String m) {
                return p.equals(provider) && m.equals(model) ? Optional.of(ModelPrice.perMillion(input, output))
                        : Optional.empty();
            }

            @Override
            public Optional<BigDecimal> costOf(String p, String m, Usage usage) {
                return price(p, m).map(price -> price.costOf(usage));
            }
        };
    }

    @Test
    void aTargetWithoutPriceIsPricedFromTheGatewaysTable() {
        context.costs(table("azure", "gpt-4o", "0.05", "0.10"));

        assertThat(selector(noOptions(), large, unpriced, mini).order(Exchanges.chat()))
                .containsExactly(unpriced, mini, large);
    }

    @Test
    void aTargetsOwnPriceBeatsTheGatewaysTable() {
        context.costs(table("openai", "gpt-4o", "0.01", "0.01"));

        assertThat(selector(noOptions(), large, mini).order(Exchanges.chat())).containsExactly(mini, large);
    }

    @Test
    void weightZeroTargetComesAfterOthersHoweverCheap() {
        Target free = target("local", "llama3.2", 0, "{\"price\": {\"input\": 0, \"output\": 0}}");

        assertThat(selector(noOptions(), free, large, mini).order(Exchanges.chat())).containsExactly(mini, large, free);
    }

    @Test
    void aLongPromptWithAShortAnswerFavoursTheCheaperInput() {
        Target cheapInput = priced("a", "cheap-input", 0.10, 20.00);
        Target cheapOutput = priced("b", "cheap-output", 1.00, 1.00);
        TargetSelector selector = selector(noOptions(), cheapOutput, cheapInput);

        assertThat(selector.order(Exchanges.chat("x".repeat(40_000), 10))).startsWith(cheapInput);
        assertThat(selector.order(Exchanges.chat("hi", 4_000))).startsWith(cheapOutput);
    }

    @Test
    void withoutMaxTokensTheExpectedOutputSettingIsUsed() {
        Target cheapInput = priced("a", "cheap-input", 0.10, 20.00);
        Target cheapOutput = priced("b", "cheap-output", 1.00, 1.00);
        String prompt = "x".repeat(4_000); // 1,000 tokens: 100 vs 1,000 micro-dollars before the output

        assertThat(selector(settings("{\"expected_output_tokens\": 1}", "o"), cheapOutput, cheapInput)
                .order(Exchanges.chat(prompt))).startsWith(cheapInput);
        assertThat(selector(settings("{\"expected_output_tokens\": 1000}", "o"), cheapOutput, cheapInput)
                .order(Exchanges.chat(prompt))).startsWith(cheapOutput);
    }

    @Test
    void embeddingsAreCostedByTheirInputAlone() {
        Target cheapInput = priced("a", "embed-a", 0.02, 100.00);
        Target dearInput = priced("b", "embed-b", 0.13, 0);

        assertThat(selector(noOptions(), dearInput, cheapInput)
                .order(Exchanges.embeddings(JsonNodeFactory.instance.textNode("hello")))).startsWith(cheapInput);
    }

    @Test
    void everyTargetIsStillReturnedWhenAllAreOpen() {
        context.health(mini, Health.open()).health(large, Health.open());

        assertThat(selector(noOptions(), mini, large).order(Exchanges.chat())).containsExactly(mini, large);
    }

    @Test
    void priceIsAKnownTargetKey() {
        selector(noOptions(), mini, unpriced);

        assertThat(mini.settings().unreadKeys()).isEmpty();
    }

    @Test
    void negativeExpectedOutputIsAConfigurationError() {
        Settings options = settings("{\"expected_output_tokens\": -1}", "models[0].strategy_options");

        assertThatThrownBy(() -> selector(options, mini))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("models[0].strategy_options.expected_output_tokens: must be 0 or more");
    }

    @Test
    void otherSettingsAreLeftForTheKernelToReport() {
        Settings options = settings("{\"expected_output_tokens\": 100, \"currency\": \"EUR\"}", "strategy_options");

        selector(options, mini);

        assertThat(options.unreadKeys()).containsExactly("currency");
    }
}
