package dev.sluice.plugins.routing;

import dev.sluice.spi.Exchange;
import dev.sluice.spi.GatewayContext;
import dev.sluice.spi.Target;
import dev.sluice.spi.TargetHealth;
import dev.sluice.spi.TargetSelector;
import dev.sluice.spi.model.ChatRequest;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Sorts a route's targets by their typical latency for each request, reading fresh health every
 * time, so traffic moves as soon as the measurements do; an exploration share sends some requests
 * to another target first, to keep its measurement current. See {@link LeastLatencyStrategy}.
 */
final class LatencySelector implements TargetSelector {
    /** No attempt in the window: tried before measured targets, so it gets measured. */
    static final int UNMEASURED = 0;
    /** Has a typical latency. */
    static final int MEASURED = 1;
    /** Has attempts but no latency, as when every attempt failed: after the measured targets. */
    static final int FAILING = 2;

    private final List<Target> targets;
    private final double exploration;
    private final Supplier<RandomGenerator> random;
    private final GatewayContext context;

    LatencySelector(List<Target> targets, double exploration, Supplier<RandomGenerator> random,
            GatewayContext context) {
        this.targets = List.copyOf(targets);
        this.exploration = exploration;
        this.random = random;
        this.context = context;
    }

    @Override
    public List<Target> order(Exchange exchange) {
        boolean stream = exchange.request() instanceof ChatRequest chat && chat.isStream();
        Rank[] ranks = new Rank[targets.size()];
        for (int i = 0; i < ranks.length; i++) {
            Target target = targets.get(i);
            TargetHealth health = context.health(target);
            Duration typical = health.typical(stream);
            int group = !typical.isZero() ? MEASURED : health.requests() == 0 ? UNMEASURED : FAILING;
            ranks[i] = new Rank(i, Standing.of(health), target.weight() == 0, group, typical.toNanos());
        }
        Arrays.sort(ranks);
        if (exploration > 0 && random.get().nextDouble() < exploration) {
            explore(ranks);
        }
        return Rank.targets(ranks, targets);
    }

    /** Moves a target chosen at random among the others that may lead to the front. */
    private void explore(Rank[] ranks) {
        if (!ranks[0].leads()) {
            return;
        }
        int others = 0;
        for (int i = 1; i < ranks.length; i++) {
            if (ranks[i].leads()) {
                others++;
            }
        }
        if (others == 0) {
            return;
        }
        int nth = random.get().nextInt(others);
        for (int i = 1; i < ranks.length; i++) {
            if (ranks[i].leads() && nth-- == 0) {
                Rank explored = ranks[i];
                System.arraycopy(ranks, 0, ranks, 1, i);
                ranks[0] = explored;
                return;
            }
        }
    }
}
