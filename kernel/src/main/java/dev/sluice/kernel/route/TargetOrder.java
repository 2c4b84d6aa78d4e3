package dev.sluice.kernel.route;

import dev.sluice.kernel.config.GatewayConfig.FailoverConfig;
import dev.sluice.kernel.route.health.TargetStats;
import dev.sluice.spi.Target;
import dev.sluice.spi.TargetHealth.State;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Turns the strategy's order into the order the executor tries: healthy (and half-open) targets
 * first in the strategy's order, then degraded ones; open targets are left out. A session's
 * pinned target, when it is not open, goes first. When every target is open, the one whose
 * cooldown ends soonest is still tried, so that a request never fails without an attempt.
 */
final class TargetOrder {
    private TargetOrder() {
    }

    /**
     * The order to try, and the targets left out.
     *
     * @param candidates the targets to try, first choice first
     * @param skipped targets left out because they are open
     */
    record Lineup(List<Candidate> candidates, List<Target> skipped) {
    }

    static Lineup arrange(List<Target> order, FailoverConfig failover, Function<Target, TargetStats> stats,
            Optional<String> pinned) {
        List<Candidate> first = new ArrayList<>(order.size());
        List<Candidate> later = new ArrayList<>(2);
        List<Target> skipped = new ArrayList<>(0);
        TargetStats soonest = null;
        Target soonestTarget = null;
        for (Target target : order) {
            TargetStats s = stats.apply(target);
            State state = state(s, failover.latencyThreshold());
            switch (state) {
                case HEALTHY, HALF_OPEN -> first.add(new Candidate(target, s, false));
                case DEGRADED -> later.add(new Candidate(target, s, false));
                case OPEN -> {
                    skipped.add(target);
                    if (soonest == null || s.cooldownLeftNanos() < soonest.cooldownLeftNanos()) {
                        soonest = s;
                        soonestTarget = target;
                    }
                }
            }
        }
        first.addAll(later);
        if (first.isEmpty() && soonestTarget != null) {
            first.add(new Candidate(soonestTarget, soonest, true));
            skipped.remove(soonestTarget);
        }
        pinned.ifPresent(label -> pinFirst(first, label));
        return new Lineup(first, skipped);
    }

    /**
     * A target's state for one route: the breaker's, made stricter by the route's own latency
     * threshold (p95 at or over it: open for this route; over half of it: degraded).
     */
    static State state(TargetStats stats, Optional<Duration> routeThreshold) {
        if (stats == null) {
            return State.HEALTHY;
        }
        State state = stats.state();
        if (routeThreshold.isEmpty() || state == State.OPEN || state == State.HALF_OPEN) {
            return state;
        }
        Optional<Duration> p95 = stats.p95();
        if (p95.isEmpty()) {
            return state;
        }
        long threshold = routeThreshold.get().toNanos();
        long p = p95.get().toNanos();
        if (p >= threshold) {
            return State.OPEN;
        }
        return p >= threshold / 2 ? State.DEGRADED : state;
    }

    private static void pinFirst(List<Candidate> candidates, String label) {
        for (int i = 0; i < candidates.size(); i++) {
            if (candidates.get(i).target().hasLabel(label)) {
                if (i > 0) {
                    candidates.add(0, candidates.remove(i));
                }
                return;
            }
        }
    }
}
