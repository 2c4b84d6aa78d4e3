package dev.sluice.kernel.js;

import dev.sluice.spi.Target;
import dev.sluice.spi.TargetHealth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * The orderings a {@code route()} result may name as {@code { targets, strategy }}: the policy
 * picks the targets, the ordering sorts them. The kernel then puts healthy targets before
 * degraded ones and leaves open ones out, as for every strategy.
 */
final class TargetOrderings {
    /** The names a policy may use. */
    static final Set<String> NAMES = Set.of("fallback", "weighted", "least-latency", "round-robin", "random");

    private TargetOrderings() {
    }

    /**
     * Orders the targets.
     *
     * @param name one of {@link #NAMES}
     * @param targets the chosen targets, in the policy's order
     * @param health each target's health
     * @param stream whether the request streams (least-latency then compares time to first token)
     * @param turn a counter that advances per request, for round-robin
     */
    static List<Target> order(String name, List<Target> targets, Function<Target, TargetHealth> health,
            boolean stream, long turn) {
        List<Target> out = new ArrayList<>(targets);
        switch (name) {
            case "weighted" -> weighted(out);
            case "least-latency" -> out.sort(Comparator.comparingLong(t -> health.apply(t).typical(stream).toNanos()));
            case "round-robin" -> Collections.rotate(out, -(int) Math.floorMod(turn, (long) Math.max(1, out.size())));
            case "random" -> Collections.shuffle(out, ThreadLocalRandom.current());
            default -> {
                // fallback: the policy's own order.
            }
        }
        return out;
    }

    /** Draws targets one by one in proportion to their weights; weight 0 goes last, in order. */
    private static void weighted(List<Target> targets) {
        List<Target> pool = new ArrayList<>(targets.stream().filter(t -> t.weight() > 0).toList());
        List<Target> drawn = new ArrayList<>(targets.size());
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (!pool.isEmpty()) {
            long total = pool.stream().mapToLong(Target::weight).sum();
            long pick = random.nextLong(total);
            for (int i = 0; i < pool.size(); i++) {
                pick -= pool.get(i).weight();
                if (pick < 0) {
                    drawn.add(pool.remove(i));
                    break;
                }
            }
        }
        targets.stream().filter(t -> t.weight() <= 0).forEach(drawn::add);
        targets.clear();
        targets.addAll(drawn);
    }
}
