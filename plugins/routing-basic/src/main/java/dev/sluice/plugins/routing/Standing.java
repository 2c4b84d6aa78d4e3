package dev.sluice.plugins.routing;

import dev.sluice.spi.GatewayContext;
import dev.sluice.spi.Target;
import dev.sluice.spi.TargetHealth;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Where a target's health puts it in an order. Every strategy keeps its own preference among
 * targets of equal standing, and lists ready targets before degraded ones and degraded ones before
 * open ones, so an open target is tried last but still tried: a selector never leaves a target out.
 */
enum Standing {
    /** Healthy, or half-open: the breaker admits its probe, so it keeps its place. */
    READY,
    /** Slow or failing more than it should: after every ready target. */
    DEGRADED,
    /** Cut off by the breaker: last, for when nothing else answers. */
    OPEN;

    /** The standing a health snapshot gives. */
    static Standing of(TargetHealth health) {
        return switch (health.state()) {
            case HEALTHY, HALF_OPEN -> READY;
            case DEGRADED -> DEGRADED;
            case OPEN -> OPEN;
        };
    }

    /**
     * Reads the health of every target once. Empty when all are ready, the common case, which
     * allocates nothing; otherwise the standing of each target by its position in {@code targets}.
     */
    static Optional<Standing[]> of(List<Target> targets, GatewayContext context) {
        Standing[] standings = null;
        for (int i = 0; i < targets.size(); i++) {
            Standing standing = of(context.health(targets.get(i)));
            if (standing != READY && standings == null) {
                standings = new Standing[targets.size()];
                Arrays.fill(standings, 0, i, READY);
            }
            if (standings != null) {
                standings[i] = standing;
            }
        }
        return Optional.ofNullable(standings);
    }
}
