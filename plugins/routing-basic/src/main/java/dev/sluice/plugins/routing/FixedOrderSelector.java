package dev.sluice.plugins.routing;

import dev.sluice.spi.Exchange;
import dev.sluice.spi.GatewayContext;
import dev.sluice.spi.Target;
import dev.sluice.spi.TargetSelector;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * The route's targets in configured order, with degraded and open targets moved behind the ready
 * ones. While every target is ready, every request gets the same immutable list.
 */
final class FixedOrderSelector implements TargetSelector {
    private final List<Target> targets;
    private final Ordering ordering;
    private final GatewayContext context;

    FixedOrderSelector(List<Target> targets, GatewayContext context) {
        this.targets = List.copyOf(targets);
        this.ordering = new Ordering(this.targets, IntStream.range(0, targets.size()).toArray());
        this.context = context;
    }

    @Override
    public List<Target> order(Exchange exchange) {
        Optional<Standing[]> standings = Standing.of(targets, context);
        return standings.isEmpty() ? ordering.targets() : ordering.regrouped(standings.get());
    }
}
