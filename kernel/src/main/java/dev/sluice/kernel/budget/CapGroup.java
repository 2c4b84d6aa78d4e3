package dev.sluice.kernel.budget;

import dev.sluice.kernel.state.Scope;
import java.util.List;
import java.util.OptionalLong;

/**
 * The caps on one counter for one request: a scope value in one period. Caps that land on the
 * same counter (a key's own cap and a configured one, say) are merged: the lowest hard cap
 * applies, and every soft cap alerts.
 *
 * @param counter the counter's name in the state store
 * @param scope what is counted per
 * @param value the caller's value of the scope
 * @param period the period
 * @param label the period's label, e.g. {@code 2025-01}
 * @param hard the hard cap in nano-dollars, if any
 * @param softs the soft caps in nano-dollars
 */
record CapGroup(String counter, Scope scope, String value, Period period, String label, OptionalLong hard,
        List<Long> softs) {

    CapGroup merge(BudgetCap cap) {
        OptionalLong h = hard.isEmpty() ? cap.hard()
                : cap.hard().isEmpty() ? hard : OptionalLong.of(Math.min(hard.getAsLong(), cap.hard().getAsLong()));
        List<Long> s = cap.soft().isPresent() && !softs.contains(cap.soft().getAsLong())
                ? java.util.stream.Stream.concat(softs.stream(), java.util.stream.Stream.of(cap.soft().getAsLong()))
                        .toList()
                : softs;
        return new CapGroup(counter, scope, value, period, label, h, s);
    }

    /** The counter of settled spend only, for soft caps and reports. */
    String spentCounter() {
        return "spent:" + counter;
    }
}
