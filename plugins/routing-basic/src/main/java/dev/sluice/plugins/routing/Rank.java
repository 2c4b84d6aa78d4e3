package dev.sluice.plugins.routing;

import dev.sluice.spi.Target;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Where one target stands for one request, for strategies that sort every request anew
 * ({@code least-latency}, {@code cheapest}). Ranks sort by standing (ready, degraded, open), then
 * with fallback-only targets (weight 0) after the others, then by the strategy's group and score,
 * lowest first, and last by configured position, so equal targets keep the configured order.
 *
 * @param position the target's position in the route
 * @param standing what its health makes of it
 * @param fallbackOnly whether its weight is 0
 * @param group the strategy's coarse class, lower first (e.g. measured before unmeasured)
 * @param score the strategy's measure within a group, lower first (e.g. latency, cost)
 */
record Rank(int position, Standing standing, boolean fallbackOnly, int group, double score)
        implements Comparable<Rank> {

    /** Whether this target may be put first by a strategy's own choice: ready and not fallback only. */
    boolean leads() {
        return standing == Standing.READY && !fallbackOnly;
    }

    @Override
    public int compareTo(Rank other) {
        int c = standing.compareTo(other.standing);
        if (c == 0) {
            c = Boolean.compare(fallbackOnly, other.fallbackOnly);
        }
        if (c == 0) {
            c = Integer.compare(group, other.group);
        }
        if (c == 0) {
            c = Double.compare(score, other.score);
        }
        return c != 0 ? c : Integer.compare(position, other.position);
    }

    /** The route's targets in the order of {@code ranks}. */
    static List<Target> targets(Rank[] ranks, List<Target> route) {
        List<Target> out = new ArrayList<>(ranks.length);
        for (Rank rank : ranks) {
            out.add(route.get(rank.position));
        }
        return Collections.unmodifiableList(out);
    }
}
