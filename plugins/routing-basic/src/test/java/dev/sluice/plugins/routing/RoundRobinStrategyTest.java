package dev.sluice.plugins.routing;

import static dev.sluice.plugins.routing.Targets.firstChoices;
import static dev.sluice.plugins.routing.Targets.noOptions;
import static dev.sluice.plugins.routing.Targets.target;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.sluice.spi.Target;
import dev.sluice.spi.TargetSelector;
import dev.sluice.spi.config.Settings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RoundRobinStrategyTest {
    private final Target first = target("openai-key-1", "gpt-4o-mini", 1);
    private final Target second = target("openai-key-2", "gpt-4o-mini", 1);
    private final Target third = target("openai-key-3", "gpt-4o-mini", 5);
    private final Target spare = target("local", "llama3.2", 0);
    private final FakeContext context = new FakeContext();

    private TargetSelector selector(Target... targets) {
        return Targets.selector(new RoundRobinStrategy(), noOptions(), context, targets);
    }

    @Test
    void strategyIsNamedRoundRobin() {
        assertThat(new RoundRobinStrategy().name()).isEqualTo("round-robin");
    }

    @Test
    void firstPlaceRotatesEvenlyOverNineThousandRequests() {
        Map<Target, Integer> counts = firstChoices(selector(first, second, third), Exchanges.chat(), 9_000);

        assertThat(counts).containsExactlyInAnyOrderEntriesOf(Map.of(first, 3_000, second, 3_000, third, 3_000));
    }

    @Test
    void firstPlaceRotatesEvenlyUnderConcurrentRequests() throws Exception {
        TargetSelector selector = selector(first, second, third);
        Map<Target, AtomicInteger> counts = new ConcurrentHashMap<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<?>> done = new ArrayList<>();
            for (int thread = 0; thread < 9; thread++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 1_000; i++) {
                        counts.computeIfAbsent(selector.order(Exchanges.chat()).getFirst(), t -> new AtomicInteger())
                                .incrementAndGet();
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }

        assertThat(counts).hasSize(3).allSatisfy((target, count) -> assertThat(count).hasValue(3_000));
    }

    @Test
    void theRestFollowInTurnOrder() {
        TargetSelector selector = selector(first, second, third);

        assertThat(selector.order(Exchanges.chat())).containsExactly(first, second, third);
        assertThat(selector.order(Exchanges.chat())).containsExactly(second, third, first);
        assertThat(selector.order(Exchanges.chat())).containsExactly(third, first, second);
        assertThat(selector.order(Exchanges.chat())).containsExactly(first, second, third);
    }

    @Test
    void weightZeroTargetIsLeftOutOfTheRotationAndTriedLast() {
        TargetSelector selector = selector(spare, first, second);

        assertThat(selector.order(Exchanges.chat())).containsExactly(first, second, spare);
        assertThat(selector.order(Exchanges.chat())).containsExactly(second, first, spare);
    }

    @Test
    void openTargetIsSkippedAndTheOthersShareItsTurns() {
        context.health(second, Health.open());

        Map<Target, Integer> counts = firstChoices(selector(first, second, third), Exchanges.chat(), 9_000);

        assertThat(counts).containsExactlyInAnyOrderEntriesOf(Map.of(first, 4_500, third, 4_500));
    }

    @Test
    void openTargetIsTriedLast() {
        context.health(first, Health.open());
        TargetSelector selector = selector(first, second, third);

        for (int i = 0; i < 6; i++) {
            assertThat(selector.order(Exchanges.chat())).hasSize(3).endsWith(first);
        }
    }

    @Test
    void degradedTargetLeavesTheRotationWhileOthersAreReady() {
        context.health(third, Health.degraded());

        Map<Target, Integer> counts = firstChoices(selector(first, second, third), Exchanges.chat(), 900);

        assertThat(counts).containsExactlyInAnyOrderEntriesOf(Map.of(first, 450, second, 450));
    }

    @Test
    void everyTargetIsStillReturnedWhenAllAreOpen() {
        context.health(first, Health.open()).health(second, Health.open());

        assertThat(selector(first, second).order(Exchanges.chat())).containsExactlyInAnyOrder(first, second);
    }

    @Test
    void givenSettingsAreLeftUnreadForTheKernelToReport() {
        Settings settings = Settings.of(JsonNodeFactory.instance.objectNode().put("start", 2));

        Targets.selector(new RoundRobinStrategy(), settings, context, first);

        assertThat(settings.unreadKeys()).containsExactly("start");
    }
}
