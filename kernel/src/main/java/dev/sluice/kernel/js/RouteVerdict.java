package dev.sluice.kernel.js;

import java.util.List;
import java.util.Optional;

/**
 * What {@code route()} chose for a probe: an order of the probe's targets, or another model route.
 *
 * @param order the targets to try, first choice first ({@code provider/model}); empty for a switch
 * @param route the model route the request would switch to, if the policy named one
 * @param logs what it logged
 */
public record RouteVerdict(List<String> order, Optional<String> route, List<String> logs) {
    public RouteVerdict {
        order = List.copyOf(order);
        logs = List.copyOf(logs);
    }

    /** An order of the probe's targets. */
    public RouteVerdict(List<String> order, List<String> logs) {
        this(order, Optional.empty(), logs);
    }
}
