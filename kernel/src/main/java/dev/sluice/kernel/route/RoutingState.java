package dev.sluice.kernel.route;

import dev.sluice.kernel.config.GatewayConfig.RoutingConfig;
import dev.sluice.kernel.route.health.HealthTracker;
import java.time.Clock;

/**
 * What routing learns while serving and keeps across configuration reloads: the health of every
 * target and the session affinity table. One per gateway process.
 *
 * @param health per-target health and circuit breakers
 * @param affinity which target each session sticks to
 */
public record RoutingState(HealthTracker health, SessionAffinity affinity) {

    /** Fresh state with default settings. */
    public static RoutingState create(Clock clock) {
        return new RoutingState(new HealthTracker(clock), new SessionAffinity(RoutingConfig.DEFAULT.affinity()));
    }

    /** Applies a configuration's {@code routing.health} and {@code routing.affinity}. */
    public void configure(RoutingConfig config) {
        health.configure(config.health());
        affinity.configure(config.affinity());
    }
}
