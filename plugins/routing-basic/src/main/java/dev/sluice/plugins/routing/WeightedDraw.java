package dev.sluice.plugins.routing;

import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * A random first choice with chances proportional to the candidates' weights. The cumulative
 * weights are computed once; a draw is one random number and a scan, and allocates nothing.
 */
final class WeightedDraw implements FirstChoice {
    private final int[] weights;
    private final long[] cumulative;
    private final Supplier<RandomGenerator> random;

    /**
     * @param weights the candidates' weights, each above 0
     * @param random the random source of the calling thread, e.g. {@code ThreadLocalRandom::current}
     */
    WeightedDraw(int[] weights, Supplier<RandomGenerator> random) {
        this.weights = weights.clone();
        this.cumulative = new long[weights.length];
        long sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i];
            cumulative[i] = sum;
        }
        this.random = random;
    }

    @Override
    public int any() {
        long ticket = random.get().nextLong(cumulative[cumulative.length - 1]);
        int i = 0;
        while (ticket >= cumulative[i]) {
            i++;
        }
        return i;
    }

    @Override
    public int among(boolean[] allowed) {
        long total = 0;
        for (int i = 0; i < weights.length; i++) {
            if (allowed[i]) {
                total += weights[i];
            }
        }
        long ticket = random.get().nextLong(total);
        for (int i = 0; i < weights.length; i++) {
            if (allowed[i]) {
                ticket -= weights[i];
                if (ticket < 0) {
                    return i;
                }
            }
        }
        throw new IllegalArgumentException("no candidate allowed");
    }
}
