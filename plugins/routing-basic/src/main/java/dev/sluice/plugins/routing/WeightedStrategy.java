package dev.sluice.plugins.routing;

import dev.sluice.spi.GatewayContext;
import dev.sluice.spi.Route;
import dev.sluice.spi.RoutingStrategy;
import dev.sluice.spi.Target;
import dev.sluice.spi.TargetSelector;
import dev.sluice.spi.config.Settings;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;
import org.pf4j.Extension;

/**
 * The {@code weighted} routing strategy: the first target is drawn at random with chances
 * proportional to the targets' weights; the others follow so that failover has somewhere to go,
 * the remaining weighted targets by weight (heaviest first, ties in configured order), then the
 * targets with weight 0 in configured order. A target with weight 0 is never drawn: it is there
 * for failover only.
 *
 * <pre>{@code
 * models:
 *   - name: chat
 *     strategy: weighted
 *     targets:
 *       - { provider: openai, model: gpt-4o-mini, weight: 70 }
 *       - { provider: azure, model: gpt-4o-mini, weight: 30 }
 *       - { provider: local, model: llama3.2, weight: 0 }
 * }</pre>
 *
 * <p>A target that is open is not drawn while another weighted target is ready; its share goes to
 * the others in proportion to their weights, and it is tried last (see {@link Standing}). When every
 * target has weight 0 the route behaves like {@code fallback}. It takes no settings; any given are
 * left unread for the kernel to report as unknown.
 *
 * <p>Thread-safe: the draw uses the calling thread's {@link ThreadLocalRandom}, and the orders are
 * built once per first choice, so a request allocates nothing while all targets are ready.
 */
@Extension
public class WeightedStrategy implements RoutingStrategy {
    private final Supplier<RandomGenerator> random;

    /** A strategy drawing with {@link ThreadLocalRandom}. */
    public WeightedStrategy() {
        this(ThreadLocalRandom::current);
    }

    /** A strategy drawing with the given random source (seeded in tests). */
    WeightedStrategy(Supplier<RandomGenerator> random) {
        this.random = random;
    }

    @Override
    public String name() {
        return "weighted";
    }

    @Override
    public TargetSelector create(Route route, Settings settings, GatewayContext context) {
        List<Target> targets = route.targets();
        int[] candidates = FirstChoiceSelector.candidates(targets);
        if (candidates.length == 0) {
            return new FixedOrderSelector(targets, context);
        }
        int[] heaviestFirst = IntStream.of(candidates).boxed()
                .sorted(Comparator.comparingInt((Integer p) -> targets.get(p).weight()).reversed())
                .mapToInt(Integer::intValue).toArray();
        int[] fallbackOnly = FirstChoiceSelector.fallbackOnly(targets);
        int[] weights = IntStream.of(candidates).map(p -> targets.get(p).weight()).toArray();
        return new FirstChoiceSelector(targets, candidates,
                k -> FirstChoiceSelector.join(candidates[k], heaviestFirst, fallbackOnly),
                new WeightedDraw(weights, random), context);
    }
}
