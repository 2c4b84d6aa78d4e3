package dev.sluice.kernel.route;

import dev.sluice.kernel.config.GatewayConfig.FailoverConfig;
import dev.sluice.spi.Route;
import dev.sluice.spi.TargetSelector;

/**
 * A route ready to serve: its targets, the strategy's selector and the failover rules.
 *
 * @param route the route
 * @param selector orders targets per request
 * @param failover when to move on to the next target
 */
public record CompiledRoute(Route route, TargetSelector selector, FailoverConfig failover) {
}
