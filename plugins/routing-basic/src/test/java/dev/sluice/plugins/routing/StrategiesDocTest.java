package dev.sluice.plugins.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.sluice.spi.Route;
import dev.sluice.spi.RoutingStrategy;
import dev.sluice.spi.Target;
import dev.sluice.spi.TargetSelector;
import dev.sluice.spi.config.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/strategies.md cannot drift from the strategies: its names, keys and examples are checked here. */
class StrategiesDocTest {
    private static final List<RoutingStrategy> STRATEGIES = List.of(new FallbackStrategy(), new WeightedStrategy(),
            new RoundRobinStrategy(), new LeastLatencyStrategy(), new CheapestStrategy());
    private static final Pattern YAML_BLOCK = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL);

    private static String doc() throws IOException {
        Path dir = Path.of("").toAbsolutePath();
        while (!Files.exists(dir.resolve("docs/strategies.md"))) {
            dir = dir.getParent();
            assertThat(dir).as("a parent folder with docs/strategies.md").isNotNull();
        }
        return Files.readString(dir.resolve("docs/strategies.md"));
    }

    private static List<String> examples(String doc) {
        List<String> blocks = new ArrayList<>();
        Matcher m = YAML_BLOCK.matcher(doc);
        while (m.find()) {
            blocks.add(m.group(1));
        }
        return blocks;
    }

    private static RoutingStrategy strategy(String name) {
        return STRATEGIES.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no strategy named " + name));
    }

    @Test
    void everyStrategyHasASection() throws IOException {
        String doc = doc();

        assertThat(STRATEGIES).allSatisfy(s -> assertThat(doc).contains("\n## `" + s.name() + "`\n"));
    }

    @Test
    void everySettingIsDocumented() throws IOException {
        String doc = doc();

        assertThat(List.of(LeastLatencyStrategy.EXPLORATION, CheapestStrategy.EXPECTED_OUTPUT_TOKENS,
                ConfiguredPrices.PRICE, ConfiguredPrices.PRICE + "." + ConfiguredPrices.INPUT,
                ConfiguredPrices.PRICE + "." + ConfiguredPrices.OUTPUT))
                .allSatisfy(key -> assertThat(doc).contains("| `" + key + "` |"));
        assertThat(doc).contains("| `" + LeastLatencyStrategy.EXPLORATION + "` | number from 0 to 1 | `"
                + LeastLatencyStrategy.DEFAULT_EXPLORATION + "` |");
        assertThat(doc).contains("| `" + CheapestStrategy.EXPECTED_OUTPUT_TOKENS + "` | integer ≥ 0 | `"
                + CheapestStrategy.DEFAULT_EXPECTED_OUTPUT_TOKENS + "` |");
    }

    @Test
    void everyExampleConfiguresItsRoutesWithKeysTheStrategiesRead() throws IOException {
        Set<String> shown = new HashSet<>();
        for (String example : examples(doc())) {
            Settings root = Settings.of(new YAMLMapper().readTree(example));
            for (Settings model : root.list("models")) {
                String name = model.string("strategy").orElse("fallback");
                shown.add(name);
                List<Target> targets = new ArrayList<>();
                for (Settings t : model.list("targets")) {
                    targets.add(new Target(t.requireString("provider"), t.requireString("model"),
                            t.integer("weight").orElse(1), t));
                }
                Settings options = model.child("strategy_options").orElse(Settings.empty("strategy_options"));

                TargetSelector selector = strategy(name).create(
                        new Route(model.requireString("name"), name, targets, model), options, new FakeContext());

                assertThat(options.unreadKeys()).as("strategy_options of %s", name).isEmpty();
                assertThat(targets).allSatisfy(t -> assertThat(t.settings().unreadKeys()).as(t.label()).isEmpty());
                assertThat(selector.order(Exchanges.chat())).containsExactlyInAnyOrderElementsOf(targets);
            }
        }

        assertThat(shown).containsExactlyInAnyOrderElementsOf(STRATEGIES.stream().map(RoutingStrategy::name).toList());
    }
}
