package dev.sluice.kernel.route;

import dev.sluice.kernel.config.GatewayConfig.FailoverConfig;
import dev.sluice.kernel.config.GatewayConfig.RouteOptions;
import dev.sluice.kernel.route.health.TargetStats;
import dev.sluice.spi.Route;
import dev.sluice.spi.Target;
import dev.sluice.spi.TargetHealth.State;
import dev.sluice.spi.TargetSelector;
import java.util.Map;

/**
 * A route ready to serve: its targets, the strategy's selector, the failover rules, affinity and
 * hedging, and the live health of each of its targets.
 *
 * @param route the route
 * @param selector orders targets per request
 * @param failover when to move on to the next target
 * @param options session affinity and hedging
 * @param stats each target's health, resolved once when the route is compiled
 */
public record CompiledRoute(Route route, TargetSelector selector, FailoverConfig failover, RouteOptions options,
        Map<Target, TargetStats> stats) {

    public CompiledRoute {
        stats = Map.copyOf(stats);
    }

    /**
     * A target's state as this route sees it: its breaker's, made stricter by the route's own
     * {@code failover.latency_threshold}; HEALTHY for a target this route does not track.
     */
    public State stateOf(Target target) {
        return TargetOrder.state(stats.get(target), failover.latencyThreshold());
    }

    /** A route with no affinity, no hedging and no health tracking of its own. */
    public CompiledRoute(Route route, TargetSelector selector, FailoverConfig failover) {
        this(route, selector, failover, RouteOptions.DEFAULT, Map.of());
    }
}
