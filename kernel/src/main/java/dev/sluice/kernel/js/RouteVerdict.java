package dev.sluice.kernel.js;

import java.util.List;

/**
 * What {@code route()} chose for a probe.
 *
 * @param order the targets to try, first choice first ({@code provider/model})
 * @param logs what it logged
 */
public record RouteVerdict(List<String> order, List<String> logs) {
    public RouteVerdict {
        order = List.copyOf(order);
        logs = List.copyOf(logs);
    }
}
