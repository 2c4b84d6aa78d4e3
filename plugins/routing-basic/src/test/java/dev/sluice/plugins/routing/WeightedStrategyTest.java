package dev.sluice.plugins.routing;

import static dev.sluice.plugins.routing.Targets.firstChoices;
import static dev.sluice.plugins.routing.Targets.noOptions;
import static dev.sluice.plugins.routing.Targets.target;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.sluice.spi.Target;
import dev.sluice.spi.TargetSelector;
import dev.sluice.spi.config.Settings;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class WeightedStrategyTest {
    private static final int REQUESTS = 10_000;

    private final Target big = target("openai", "gpt-4o-mini", 70);
    private final Target medium = target("azure", "gpt-4o-mini", 20);
    private final Target small = target("groq", "llama-3.3-70b", 10);
    private final Target spare = target("local", "llama3.2", 0);
    private final Target lastResort = target("mock", "mock-echo", 0);
    private final FakeContext context = new FakeContext();

    /** A seeded source, so that a share checked within a tolerance is the same on every run. */
    private TargetSelector selector(Target... targets) {
        Random seeded = new Random(20_250_101);
        return Targets.selector(new WeightedStrategy(() -> seeded), noOptions(), context, targets);
    }

    private static double share(Map<Target, Integer> counts, Target target) {
        return counts.getOrDefault(target, 0) / (double) REQUESTS;
    }

    @Test
    void strategyIsNamedWeighted() {
        assertThat(new WeightedStrategy().name()).isEqualTo("weighted");
    }

    @Test
    void firstChoicesFollowTheWeightsOverTenThousandRequests() {
        Map<Target, Integer> counts = firstChoices(selector(big, medium, small, spare), Exchanges.chat(), REQUESTS);

        assertThat(share(counts, big)).isCloseTo(0.70, within(0.02));
        assertThat(share(counts, medium)).isCloseTo(0.20, within(0.02));
        assertThat(share(counts, small)).isCloseTo(0.10, within(0.02));
    }

    @Test
    void targetWithWeightZeroIsNeverFirst() {
        TargetSelector selector = Targets.selector(new WeightedStrategy(), noOptions(), context,
                spare, big, lastResort, small);

        assertThat(firstChoices(selector, Exchanges.chat(), REQUESTS)).containsOnlyKeys(big, small);
    }

    @Test
    void everyOrderHoldsEveryTargetOnce() {
        TargetSelector selector = Targets.selector(new WeightedStrategy(), noOptions(), context,
                big, spare, medium, small, lastResort);

        for (int i = 0; i < REQUESTS; i++) {
            assertThat(selector.order(Exchanges.chat())).containsExactlyInAnyOrder(big, spare, medium, small, lastResort);
        }
    }

    @Test
    void theRestFollowByWeightThenWeightZeroTargetsInConfiguredOrder() {
        TargetSelector selector = selector(lastResort, small, big, spare, medium);

        for (int i = 0; i < 1_000; i++) {
            List<Target> order = selector.order(Exchanges.chat());
            List<Target> expectedRest = Stream.of(big, medium, small)
                    .filter(t -> t != order.getFirst()).toList();
            assertThat(order.subList(1, 3)).containsExactlyElementsOf(expectedRest);
            assertThat(order.subList(3, 5)).containsExactly(lastResort, spare);
        }
    }

    @Test
    void equalWeightsFollowInConfiguredOrder() {
        Target first = target("a", "m", 5);
        Target second = target("b", "m", 5);
        Target third = target("c", "m", 5);
        TargetSelector selector = selector(first, second, third);

        for (int i = 0; i < 100; i++) {
            List<Target> order = selector.order(Exchanges.chat());
            assertThat(order.subList(1, 3)).isSortedAccordingTo(
                    Comparator.comparingInt(List.of(first, second, third)::indexOf));
        }
    }

    @Test
    void ordersWithTheSameFirstChoiceAreOneSharedList() {
        TargetSelector selector = selector(big, medium, spare);
        Set<List<Target>> distinct = Collections.newSetFromMap(new IdentityHashMap<>());

        for (int i = 0; i < 1_000; i++) {
            distinct.add(selector.order(Exchanges.chat()));
        }

        assertThat(distinct).hasSize(2);
    }

    @Test
    void ordersCannotBeChangedByTheirReceiver() {
        List<Target> order = selector(big, medium).order(Exchanges.chat());

        assertThatThrownBy(order::clear).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void openTargetIsNotDrawnAndItsShareGoesToTheOthersByWeight() {
        context.health(big, Health.open());

        Map<Target, Integer> counts = firstChoices(selector(big, medium, small), Exchanges.chat(), REQUESTS);

        assertThat(counts).doesNotContainKey(big);
        assertThat(share(counts, medium)).isCloseTo(2 / 3.0, within(0.02));
        assertThat(share(counts, small)).isCloseTo(1 / 3.0, within(0.02));
    }

    @Test
    void openTargetIsTriedLast() {
        context.health(big, Health.open());

        for (int i = 0; i < 100; i++) {
            assertThat(selector(big, medium, small, spare).order(Exchanges.chat())).endsWith(big);
        }
    }

    @Test
    void degradedTargetComesAfterReadyOnesAndBeforeOpenOnes() {
        context.health(big, Health.degraded()).health(medium, Health.open());

        List<Target> order = selector(big, medium, small, spare).order(Exchanges.chat());

        assertThat(order).containsExactly(small, spare, big, medium);
    }

    @Test
    void halfOpenTargetIsStillDrawnSoItsProbeCanGoThrough() {
        context.health(big, Health.halfOpen());

        Map<Target, Integer> counts = firstChoices(selector(big, medium, small), Exchanges.chat(), REQUESTS);

        assertThat(share(counts, big)).isCloseTo(0.70, within(0.02));
    }

    @Test
    void weightZeroTargetComesFirstWhenEveryWeightedTargetIsOpen() {
        context.health(big, Health.open()).health(medium, Health.open());

        List<Target> order = selector(big, medium, spare).order(Exchanges.chat());

        assertThat(order.getFirst()).isEqualTo(spare);
        assertThat(order.subList(1, 3)).containsExactlyInAnyOrder(big, medium);
    }

    @Test
    void everyTargetIsStillReturnedWhenAllAreOpen() {
        context.health(big, Health.open()).health(medium, Health.open()).health(spare, Health.open());

        assertThat(selector(big, medium, spare).order(Exchanges.chat())).containsExactlyInAnyOrder(big, medium, spare);
    }

    @Test
    void routeWhoseTargetsAllHaveWeightZeroKeepsConfiguredOrder() {
        assertThat(selector(spare, lastResort).order(Exchanges.chat())).containsExactly(spare, lastResort);
    }

    @Test
    void givenSettingsAreLeftUnreadForTheKernelToReport() {
        Settings settings = Settings.of(JsonNodeFactory.instance.objectNode().put("sticky", true));

        Targets.selector(new WeightedStrategy(), settings, context, big);

        assertThat(settings.unreadKeys()).containsExactly("sticky");
    }
}
