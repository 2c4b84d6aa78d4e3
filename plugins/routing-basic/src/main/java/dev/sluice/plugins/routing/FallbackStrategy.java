package dev.sluice.plugins.routing;

import dev.sluice.spi.GatewayContext;
import dev.sluice.spi.Route;
import dev.sluice.spi.RoutingStrategy;
import dev.sluice.spi.TargetSelector;
import dev.sluice.spi.config.Settings;
import org.pf4j.Extension;

/**
 * The {@code fallback} routing strategy: every target, in the order the route lists them. Targets
 * with weight 0 are tried too, since weight 0 means "fallback only" and here everything after the
 * first target is a fallback. The kernel's failover executor does the trying.
 *
 * <pre>{@code
 * models:
 *   - name: chat
 *     strategy: fallback
 *     targets:
 *       - { provider: openai, model: gpt-4o-mini }
 *       - { provider: local, model: llama3.2, weight: 0 }
 * }</pre>
 *
 * <p>Health only moves targets back: a degraded target goes behind the ready ones and an open one
 * to the end (see {@link Standing}), each group keeping the configured order. While every target
 * is ready, every request gets the same immutable list.
 *
 * <p>It takes no settings; any given are left unread for the kernel to report as unknown.
 */
@Extension
public class FallbackStrategy implements RoutingStrategy {

    @Override
    public String name() {
        return "fallback";
    }

    @Override
    public TargetSelector create(Route route, Settings settings, GatewayContext context) {
        return new FixedOrderSelector(route.targets(), context);
    }
}
