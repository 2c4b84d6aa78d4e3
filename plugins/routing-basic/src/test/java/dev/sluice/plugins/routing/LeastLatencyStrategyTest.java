package dev.sluice.plugins.routing;

import static dev.sluice.plugins.routing.Targets.firstChoices;
import static dev.sluice.plugins.routing.Targets.noOptions;
import static dev.sluice.plugins.routing.Targets.settings;
import static dev.sluice.plugins.routing.Targets.target;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.sluice.spi.Target;
import dev.sluice.spi.TargetHealth.State;
import dev.sluice.spi.TargetSelector;
import dev.sluice.spi.config.ConfigException;
import dev.sluice.spi.config.Settings;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LeastLatencyStrategyTest {
    private static final Settings NO_EXPLORING = settings("{\"exploration\": 0}", "models[0].strategy_options");

    private final Target a = target("openai", "gpt-4o-mini", 1);
    private final Target b = target("azure", "gpt-4o-mini", 1);
    private final Target c = target("groq", "llama-3.3-70b", 1);
    private final Target spare = target("local", "llama3.2", 0);
    private final FakeContext context = new FakeContext();

    private TargetSelector selector(Settings options, Target... targets) {
        Random seeded = new Random(7);
        return Targets.selector(new LeastLatencyStrategy(() -> seeded), options, context, targets);
    }

    @Test
    void strategyIsNamedLeastLatency() {
        assertThat(new LeastLatencyStrategy().name()).isEqualTo("least-latency");
    }

    @Test
    void fastestTargetComesFirst() {
        context.health(a, Health.latency(200)).health(b, Health.latency(400));

        assertThat(selector(NO_EXPLORING, b, a).order(Exchanges.chat())).containsExactly(a, b);
    }

    @Test
    void trafficMovesAwayFromATargetWhoseLatencyRises() {
        context.health(a, Health.latency(200)).health(b, Health.latency(400));
        TargetSelector selector = selector(NO_EXPLORING, a, b);
        assertThat(selector.order(Exchanges.chat())).containsExactly(a, b);

        context.health(a, Health.latency(900));

        assertThat(selector.order(Exchanges.chat())).containsExactly(b, a);
    }

    @Test
    void streamsAreOrderedByTimeToFirstToken() {
        context.health(a, Health.latency(2_000, 900)).health(b, Health.latency(5_000, 150));
        TargetSelector selector = selector(NO_EXPLORING, a, b);

        assertThat(selector.order(Exchanges.chat())).containsExactly(a, b);
        assertThat(selector.order(Exchanges.stream())).containsExactly(b, a);
    }

    @Test
    void targetsNotYetMeasuredAreTriedFirstSoTheyGetMeasured() {
        context.health(a, Health.latency(200)).health(b, Health.latency(400));

        assertThat(selector(NO_EXPLORING, a, b, c).order(Exchanges.chat())).containsExactly(c, a, b);
    }

    @Test
    void targetWhoseAttemptsAllFailedComesAfterMeasuredOnes() {
        context.health(a, Health.failing()).health(b, Health.latency(400)).health(c, Health.latency(300));

        assertThat(selector(NO_EXPLORING, a, b, c).order(Exchanges.chat())).containsExactly(c, b, a);
    }

    @Test
    void openTargetGoesLastHoweverFast() {
        context.health(a, Health.of(State.OPEN, 50))
                .health(b, Health.latency(400)).health(c, Health.latency(300));

        assertThat(selector(NO_EXPLORING, a, b, c).order(Exchanges.chat())).containsExactly(c, b, a);
    }

    @Test
    void degradedTargetComesAfterReadyOnesHoweverFast() {
        context.health(a, Health.of(State.DEGRADED, 50))
                .health(b, Health.latency(400));

        assertThat(selector(NO_EXPLORING, a, b).order(Exchanges.chat())).containsExactly(b, a);
    }

    @Test
    void weightZeroTargetComesAfterOthersHoweverFast() {
        context.health(spare, Health.latency(10)).health(a, Health.latency(200)).health(b, Health.latency(400));

        assertThat(selector(NO_EXPLORING, spare, a, b).order(Exchanges.chat())).containsExactly(a, b, spare);
    }

    @Test
    void equalLatenciesKeepConfiguredOrder() {
        context.health(a, Health.latency(300)).health(b, Health.latency(300));

        assertThat(selector(NO_EXPLORING, b, a).order(Exchanges.chat())).containsExactly(b, a);
    }

    @Test
    void explorationSendsItsShareOfRequestsToSlowerTargetsFirst() {
        context.health(a, Health.latency(200)).health(b, Health.latency(400)).health(c, Health.latency(800));
        TargetSelector selector = selector(settings("{\"exploration\": 0.2}", "strategy_options"), a, b, c);

        Map<Target, Integer> counts = firstChoices(selector, Exchanges.chat(), 10_000);

        assertThat(counts.get(a) / 10_000.0).isCloseTo(0.80, within(0.02));
        assertThat(counts.get(b) / 10_000.0).isCloseTo(0.10, within(0.02));
        assertThat(counts.get(c) / 10_000.0).isCloseTo(0.10, within(0.02));
    }

    @Test
    void anExploredOrderStillHoldsEveryTargetOnce() {
        context.health(a, Health.latency(200)).health(b, Health.latency(400)).health(c, Health.latency(800));
        TargetSelector selector = selector(settings("{\"exploration\": 1}", "strategy_options"), a, b, c);

        for (int i = 0; i < 100; i++) {
            List<Target> order = selector.order(Exchanges.chat());
            assertThat(order).containsExactlyInAnyOrder(a, b, c);
            assertThat(order.getFirst()).isNotEqualTo(a);
        }
    }

    @Test
    void explorationNeverPutsAnOpenOrWeightZeroTargetFirst() {
        context.health(a, Health.latency(200)).health(b, Health.open()).health(spare, Health.latency(100));
        TargetSelector selector = selector(settings("{\"exploration\": 1}", "strategy_options"), a, b, spare);

        assertThat(firstChoices(selector, Exchanges.chat(), 1_000)).containsOnlyKeys(a);
    }

    @Test
    void explorationIsOnByDefault() {
        context.health(a, Health.latency(200)).health(b, Health.latency(400));

        Map<Target, Integer> counts = firstChoices(selector(noOptions(), a, b), Exchanges.chat(), 10_000);

        assertThat(counts.get(b) / 10_000.0).isCloseTo(LeastLatencyStrategy.DEFAULT_EXPLORATION, within(0.01));
    }

    @Test
    void explorationOutsideZeroToOneIsAConfigurationError() {
        Settings options = settings("{\"exploration\": 1.5}", "models[0].strategy_options");

        assertThatThrownBy(() -> selector(options, a))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("models[0].strategy_options.exploration")
                .hasMessageContaining("between 0 and 1");
    }

    @Test
    void explorationThatIsNotANumberIsAConfigurationError() {
        Settings options = settings("{\"exploration\": \"often\"}", "models[0].strategy_options");

        assertThatThrownBy(() -> selector(options, a))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("exploration: expected a number");
    }

    @Test
    void explorationIsAKnownSettingAndOthersAreLeftForTheKernelToReport() {
        Settings options = settings("{\"exploration\": 0.1, \"window\": \"5m\"}", "strategy_options");

        selector(options, a);

        assertThat(options.unreadKeys()).containsExactly("window");
    }
}
