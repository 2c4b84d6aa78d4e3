package dev.sluice.spi;

import dev.sluice.spi.config.Settings;
import org.pf4j.ExtensionPoint;

/**
 * Extension point for routing strategies: how a route orders its targets. Named in a route's
 * {@code strategy:} key.
 *
 * <pre>{@code
 * @Extension
 * public class Fallback implements RoutingStrategy {
 *     public String name() { return "fallback"; }
 *     public TargetSelector create(Route route, Settings settings, GatewayContext context) {
 *         List<Target> order = route.targets();
 *         return exchange -> order;
 *     }
 * }
 * }</pre>
 */
public interface RoutingStrategy extends ExtensionPoint {

    /** The name used in {@code strategy:}; unique across all plugins. */
    String name();

    /**
     * Builds the selector of one route; called once per route per configuration load.
     *
     * @param route the route
     * @param settings the strategy's own settings ({@code strategy_options:} of the route)
     * @param context what the kernel offers extensions
     */
    TargetSelector create(Route route, Settings settings, GatewayContext context);
}
