package dev.sluice.plugins.routing;

import dev.sluice.spi.Exchange;
import dev.sluice.spi.GatewayContext;
import dev.sluice.spi.Target;
import dev.sluice.spi.TargetSelector;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Sorts a route's targets by the expected cost of each request, priced targets cheapest first,
 * then targets without a price. See {@link CheapestStrategy}.
 */
final class CheapestSelector implements TargetSelector {
    /** Has a price: sorted by expected cost. */
    static final int PRICED = 0;
    /** Has no price: after the priced targets, in configured order. */
    static final int UNPRICED = 1;

    private final List<Target> targets;
    private final Prices prices;
    private final int defaultOutput;
    private final GatewayContext context;

    CheapestSelector(List<Target> targets, Prices prices, int defaultOutput, GatewayContext context) {
        this.targets = List.copyOf(targets);
        this.prices = prices;
        this.defaultOutput = defaultOutput;
        this.context = context;
    }

    @Override
    public List<Target> order(Exchange exchange) {
        TokenEstimate tokens = TokenEstimate.of(exchange.request(), defaultOutput);
        Rank[] ranks = new Rank[targets.size()];
        for (int i = 0; i < ranks.length; i++) {
            Target target = targets.get(i);
            Optional<Price> price = prices.of(target);
            ranks[i] = new Rank(i, Standing.of(context.health(target)), target.weight() == 0,
                    price.isPresent() ? PRICED : UNPRICED, price.isPresent() ? price.get().cost(tokens) : 0);
        }
        Arrays.sort(ranks);
        return Rank.targets(ranks, targets);
    }
}
