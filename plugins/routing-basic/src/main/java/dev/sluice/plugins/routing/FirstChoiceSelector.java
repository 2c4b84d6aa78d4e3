package dev.sluice.plugins.routing;

import dev.sluice.spi.Exchange;
import dev.sluice.spi.GatewayContext;
import dev.sluice.spi.Target;
import dev.sluice.spi.TargetSelector;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/**
 * A selector that picks the first target per request and follows it with a fixed order for that
 * pick: the shape of {@code weighted} and {@code round-robin}. Only targets with a weight above 0
 * (the candidates) are picked first; targets with weight 0 are fallback only.
 *
 * <p>The order that follows each pick is built once, so while every target is ready a request
 * costs one pick and one health read per target, and returns a shared immutable list. When some
 * target is not ready, the pick is made among the candidates of the best standing present and the
 * order is regrouped by standing (see {@link Standing}), so an open target is never first while
 * another target is ready, yet still tried last.
 */
final class FirstChoiceSelector implements TargetSelector {
    private final List<Target> targets;
    private final int[] candidates;
    private final Ordering[] orderings;
    private final FirstChoice choice;
    private final GatewayContext context;

    /**
     * @param targets the route's targets in configured order
     * @param candidates the positions of the targets that may come first, at least one
     * @param orderAfter the whole order, as positions, when the candidate of that number is first
     * @param choice picks a candidate per request
     * @param context where target health comes from
     */
    FirstChoiceSelector(List<Target> targets, int[] candidates, IntFunction<int[]> orderAfter, FirstChoice choice,
            GatewayContext context) {
        this.targets = List.copyOf(targets);
        this.candidates = candidates.clone();
        this.orderings = IntStream.range(0, candidates.length)
                .mapToObj(k -> new Ordering(this.targets, orderAfter.apply(k))).toArray(Ordering[]::new);
        this.choice = choice;
        this.context = context;
    }

    /** The positions of the targets with a weight above 0, in configured order. */
    static int[] candidates(List<Target> targets) {
        return IntStream.range(0, targets.size()).filter(i -> targets.get(i).weight() > 0).toArray();
    }

    /** The positions of the targets with weight 0 (fallback only), in configured order. */
    static int[] fallbackOnly(List<Target> targets) {
        return IntStream.range(0, targets.size()).filter(i -> targets.get(i).weight() == 0).toArray();
    }

    /** {@code first}, then {@code middle} without {@code first}, then {@code tail}. */
    static int[] join(int first, int[] middle, int[] tail) {
        return IntStream.concat(IntStream.concat(IntStream.of(first), IntStream.of(middle).filter(p -> p != first)),
                IntStream.of(tail)).toArray();
    }

    @Override
    public List<Target> order(Exchange exchange) {
        Optional<Standing[]> read = Standing.of(targets, context);
        if (read.isEmpty()) {
            return orderings[choice.any()].targets();
        }
        Standing[] standings = read.get();
        Standing best = Standing.OPEN;
        for (int position : candidates) {
            if (standings[position].compareTo(best) < 0) {
                best = standings[position];
            }
        }
        boolean[] allowed = new boolean[candidates.length];
        for (int k = 0; k < candidates.length; k++) {
            allowed[k] = standings[candidates[k]] == best;
        }
        return orderings[choice.among(allowed)].regrouped(standings);
    }
}
