package dev.sluice.plugins.routing;

import dev.sluice.spi.GatewayContext;
import dev.sluice.spi.Route;
import dev.sluice.spi.RoutingStrategy;
import dev.sluice.spi.Target;
import dev.sluice.spi.TargetSelector;
import dev.sluice.spi.config.Settings;
import java.util.List;
import java.util.stream.IntStream;
import org.pf4j.Extension;

/**
 * The {@code round-robin} routing strategy: the targets take turns at coming first, one request
 * after the other, and the rest follow in turn order (after {@code B} comes {@code C}, then
 * {@code A}), then the targets with weight 0 in configured order. Weights above 0 are all alike
 * here; weight 0 keeps a target out of the rotation, for failover only. Useful to spread load over
 * several deployments or keys of one model.
 *
 * <pre>{@code
 * models:
 *   - name: chat
 *     strategy: round-robin
 *     targets:
 *       - { provider: openai-key-1, model: gpt-4o-mini }
 *       - { provider: openai-key-2, model: gpt-4o-mini }
 *       - { provider: openai-key-3, model: gpt-4o-mini }
 * }</pre>
 *
 * <p>An open target's turns are shared by the other targets of the rotation, and it is tried last
 * (see {@link Standing}). It takes no settings; any given are left unread for the kernel to report
 * as unknown.
 *
 * <p>Thread-safe: one atomic counter per route gives the turns, so over any run of requests each
 * target comes first equally often, give or take one, whatever the concurrency.
 */
@Extension
public class RoundRobinStrategy implements RoutingStrategy {

    @Override
    public String name() {
        return "round-robin";
    }

    @Override
    public TargetSelector create(Route route, Settings settings, GatewayContext context) {
        List<Target> targets = route.targets();
        int[] candidates = FirstChoiceSelector.candidates(targets);
        if (candidates.length == 0) {
            return new FixedOrderSelector(targets, context);
        }
        int[] fallbackOnly = FirstChoiceSelector.fallbackOnly(targets);
        return new FirstChoiceSelector(targets, candidates,
                k -> FirstChoiceSelector.join(candidates[k], rotated(candidates, k), fallbackOnly),
                new Rotation(candidates.length), context);
    }

    /** The candidates in turn order starting at number {@code k}. */
    private static int[] rotated(int[] candidates, int k) {
        return IntStream.range(0, candidates.length).map(i -> candidates[(k + i) % candidates.length]).toArray();
    }
}
