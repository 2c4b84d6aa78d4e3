package dev.sluice.plugins.routing;

import static dev.sluice.plugins.routing.Targets.target;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.spi.Target;
import dev.sluice.spi.config.ConfigException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfiguredPricesTest {

    private static ConfiguredPrices read(Target... targets) {
        return ConfiguredPrices.read(List.of(targets));
    }

    private static Target withPrice(String price) {
        return target("openai", "gpt-4o", 1, "{\"price\": " + price + "}");
    }

    @Test
    void priceIsReadInDollarsPerMillionTokens() {
        Target target = withPrice("{\"input\": 2.50, \"output\": 10.00}");

        assertThat(read(target).of(target)).contains(new Price(2.50, 10.00));
    }

    @Test
    void targetWithoutPriceHasNone() {
        Target target = target("openai", "gpt-4o", 1);

        assertThat(read(target).of(target)).isEmpty();
    }

    @Test
    void pricesGivenAsTextAreReadToo() {
        Target target = withPrice("{\"input\": \"0.15\", \"output\": \"0.60\"}");

        assertThat(read(target).of(target)).contains(new Price(0.15, 0.60));
    }

    @Test
    void negativePriceIsAConfigurationError() {
        assertThatThrownBy(() -> read(withPrice("{\"input\": -1, \"output\": 10}")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("sluice.yaml")
                .hasMessageContaining("models[0].targets[0].price.input: must be USD per million tokens, 0 or more");
    }

    @Test
    void priceThatIsNotANumberIsAConfigurationError() {
        assertThatThrownBy(() -> read(withPrice("{\"input\": 1, \"output\": \"ten\"}")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("price.output: expected a number, got \"ten\"");
    }

    @Test
    void priceThatIsNotFiniteIsAConfigurationError() {
        assertThatThrownBy(() -> read(withPrice("{\"input\": \"NaN\", \"output\": 1}")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("price.input: must be USD per million tokens");
    }

    @Test
    void missingOutputPriceIsAConfigurationError() {
        assertThatThrownBy(() -> read(withPrice("{\"input\": 2.50}")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("price.output: required: USD per million output tokens");
    }

    @Test
    void unknownKeyInAPriceIsAConfigurationError() {
        assertThatThrownBy(() -> read(withPrice("{\"input\": 2.50, \"output\": 10, \"cached_input\": 1.25}")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("price.cached_input: unknown key");
    }

    @Test
    void priceThatIsNotAMappingIsAConfigurationError() {
        assertThatThrownBy(() -> read(withPrice("2.50")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("models[0].targets[0].price: expected a mapping");
    }

    @Test
    void configuredPricesComeBeforeThoseOfAnotherSource() {
        Target configured = withPrice("{\"input\": 2.50, \"output\": 10.00}");
        Target listed = target("openai", "gpt-4o-mini", 1);
        Prices table = target -> Optional.of(new Price(0.15, 0.60));

        Prices prices = read(configured, listed).or(table);

        assertThat(prices.of(configured)).contains(new Price(2.50, 10.00));
        assertThat(prices.of(listed)).contains(new Price(0.15, 0.60));
    }
}
