package dev.sluice.plugins.routing;

import dev.sluice.spi.GatewayContext;
import dev.sluice.spi.Route;
import dev.sluice.spi.RoutingStrategy;
import dev.sluice.spi.TargetSelector;
import dev.sluice.spi.config.Settings;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.pf4j.Extension;

/**
 * The {@code least-latency} routing strategy: the target that has recently been fastest first,
 * by the gateway's typical (exponentially weighted) latency of each target, as
 * {@link dev.sluice.spi.TargetHealth#typical(boolean)} gives it: time to the first chunk for
 * streamed requests, time to the whole answer otherwise. When a target slows down, the next
 * request already goes elsewhere.
 *
 * <pre>{@code
 * models:
 *   - name: chat
 *     strategy: least-latency
 *     strategy_options:
 *       exploration: 0.05
 *     targets:
 *       - { provider: openai, model: gpt-4o-mini }
 *       - { provider: azure, model: gpt-4o-mini }
 * }</pre>
 *
 * <p>Order for each request: targets not yet measured (no attempt in the window) first so they
 * get measured, then measured targets fastest first, then targets with attempts but no latency
 * (every attempt failed); weight-0 targets after all others; degraded and open targets behind the
 * ready ones (see {@link Standing}). Ties keep the configured order.
 *
 * <p>A measurement only moves when a target gets traffic, so a share of requests, the
 * {@code exploration} setting (default 0.05), puts a random other ready
 * target first: a target that was slow and has recovered is noticed. 0 turns exploring off.
 */
@Extension
public class LeastLatencyStrategy implements RoutingStrategy {
    /** The share of requests sent first to a target other than the fastest, 0 to 1. */
    static final String EXPLORATION = "exploration";
    static final double DEFAULT_EXPLORATION = 0.05;

    private final Supplier<RandomGenerator> random;

    /** A strategy exploring with {@link ThreadLocalRandom}. */
    public LeastLatencyStrategy() {
        this(ThreadLocalRandom::current);
    }

    /** A strategy exploring with the given random source (seeded in tests). */
    LeastLatencyStrategy(Supplier<RandomGenerator> random) {
        this.random = random;
    }

    @Override
    public String name() {
        return "least-latency";
    }

    @Override
    public TargetSelector create(Route route, Settings settings, GatewayContext context) {
        double exploration = settings.number(EXPLORATION).orElse(DEFAULT_EXPLORATION);
        if (!(exploration >= 0 && exploration <= 1)) {
            throw settings.error(EXPLORATION, "must be a share between 0 and 1, got " + exploration);
        }
        return new LatencySelector(route.targets(), exploration, random, context);
    }
}
