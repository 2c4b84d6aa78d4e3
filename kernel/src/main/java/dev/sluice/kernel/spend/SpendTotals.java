package dev.sluice.kernel.spend;

import java.time.Instant;
import java.util.Optional;

/**
 * Spend summed over calls.
 *
 * @param requests calls answered
 * @param unpriced of those, calls whose cost is unknown (not in {@code costNanos})
 * @param costNanos their cost in nano-dollars
 * @param promptTokens input tokens
 * @param completionTokens output tokens
 * @param latencyMillis summed latency
 * @param first the earliest call's arrival
 * @param last the latest call's arrival
 */
public record SpendTotals(long requests, long unpriced, long costNanos, long promptTokens, long completionTokens,
        long latencyMillis, Optional<Instant> first, Optional<Instant> last) {

    /** Nothing yet. */
    public static final SpendTotals ZERO = new SpendTotals(0, 0, 0, 0, 0, 0, Optional.empty(), Optional.empty());

    /** These totals plus one call. */
    SpendTotals plus(SpendEntry e) {
        return new SpendTotals(requests + 1, unpriced + (e.cost().isEmpty() ? 1 : 0),
                costNanos + e.cost().orElse(0), promptTokens + e.promptTokens(), completionTokens + e.completionTokens(),
                latencyMillis + e.latencyMillis(), Optional.of(first.filter(f -> f.isBefore(e.at())).orElse(e.at())),
                Optional.of(last.filter(l -> l.isAfter(e.at())).orElse(e.at())));
    }

    /** These totals plus others. */
    public SpendTotals plus(SpendTotals o) {
        return new SpendTotals(requests + o.requests, unpriced + o.unpriced, costNanos + o.costNanos,
                promptTokens + o.promptTokens, completionTokens + o.completionTokens, latencyMillis + o.latencyMillis,
                earliest(first, o.first), latest(last, o.last));
    }

    private static Optional<Instant> earliest(Optional<Instant> a, Optional<Instant> b) {
        return a.isEmpty() ? b : b.isEmpty() ? a : Optional.of(a.get().isBefore(b.get()) ? a.get() : b.get());
    }

    private static Optional<Instant> latest(Optional<Instant> a, Optional<Instant> b) {
        return a.isEmpty() ? b : b.isEmpty() ? a : Optional.of(a.get().isAfter(b.get()) ? a.get() : b.get());
    }
}
