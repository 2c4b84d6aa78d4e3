package dev.sluice.kernel.chain;

import dev.sluice.spi.Chain;
import dev.sluice.spi.ChainStep;
import dev.sluice.spi.Exchange;
import dev.sluice.spi.Result;
import java.util.List;
import java.util.function.Function;

/**
 * The assembled, immutable policy chain: the configured steps in order, then the terminal step
 * (the router). Each step gets a {@link Chain} whose {@code proceed} runs the rest.
 */
public final class PolicyChain {
    private final List<ChainStep> steps;
    private final Function<Exchange, Result> terminal;

    /**
     * @param steps the configured steps, in order
     * @param terminal what runs after the last step
     */
    public PolicyChain(List<ChainStep> steps, Function<Exchange, Result> terminal) {
        this.steps = List.copyOf(steps);
        this.terminal = terminal;
    }

    /** Runs the exchange through every step and the terminal. */
    public Result execute(Exchange exchange) {
        return call(0, exchange);
    }

    private Result call(int index, Exchange exchange) {
        if (index == steps.size()) {
            return terminal.apply(exchange);
        }
        return steps.get(index).intercept(new Link(index + 1, exchange));
    }

    /** The rest of the chain after one step; proceeds at most once, and once {@link #again} after that. */
    private final class Link implements Chain {
        private final int next;
        private final Exchange exchange;
        private boolean proceeded;
        private boolean repeated;

        Link(int next, Exchange exchange) {
            this.next = next;
            this.exchange = exchange;
        }

        @Override
        public Exchange exchange() {
            return exchange;
        }

        @Override
        public Result proceed(Exchange current) {
            if (proceeded) {
                throw new IllegalStateException("a chain step called proceed() twice");
            }
            proceeded = true;
            return call(next, current);
        }

        @Override
        public Result again(Exchange current) {
            if (!proceeded || repeated) {
                throw new IllegalStateException("a chain step may run the rest of the chain again once, after proceed()");
            }
            repeated = true;
            return call(next, current);
        }
    }
}
