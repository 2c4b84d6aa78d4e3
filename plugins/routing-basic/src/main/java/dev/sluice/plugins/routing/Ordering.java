package dev.sluice.plugins.routing;

import dev.sluice.spi.Target;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One order of a route's targets, kept both as the immutable list the failover executor receives
 * and as positions in the route, so that it can be regrouped by health without searching.
 * Immutable and shared by concurrent requests.
 */
final class Ordering {
    private final int[] positions;
    private final List<Target> targets;

    /**
     * @param route the route's targets in configured order
     * @param positions a permutation of the route's positions, first choice first
     */
    Ordering(List<Target> route, int[] positions) {
        this.positions = positions.clone();
        List<Target> list = new ArrayList<>(positions.length);
        for (int position : positions) {
            list.add(route.get(position));
        }
        this.targets = List.copyOf(list);
    }

    /** The targets in this order; the same list on every call. */
    List<Target> targets() {
        return targets;
    }

    /**
     * This order regrouped by health: ready targets, then degraded, then open ones, each group
     * keeping this order.
     *
     * @param standings the standing of each target by its position in the route
     */
    List<Target> regrouped(Standing[] standings) {
        List<Target> out = new ArrayList<>(positions.length);
        for (Standing standing : Standing.values()) {
            for (int i = 0; i < positions.length; i++) {
                if (standings[positions[i]] == standing) {
                    out.add(targets.get(i));
                }
            }
        }
        return Collections.unmodifiableList(out);
    }
}
