package dev.sluice.kernel.budget;

import dev.sluice.kernel.state.Scope;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A spend cap: per {@code scope} value (one named {@code id}, or each value when there is no id),
 * per period, with a hard cap that rejects and a soft cap that alerts.
 *
 * @param scope what is counted per
 * @param id the one value capped, or empty for every value separately
 * @param period the period counted over
 * @param hard the hard cap in nano-dollars: requests that could pass it are rejected
 * @param soft the soft cap in nano-dollars: crossing it sends an alert, once per period
 */
public record BudgetCap(Scope scope, Optional<String> id, Period period, OptionalLong hard, OptionalLong soft) {
}
