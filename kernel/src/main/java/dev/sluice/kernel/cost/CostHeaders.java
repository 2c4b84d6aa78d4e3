package dev.sluice.kernel.cost;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The cost headers of a complete answer: {@code x-sluice-cost-usd}, the cost in US dollars, and
 * {@code x-sluice-cost}, present when the figure is not the plain price of reported usage:
 * {@code estimated} (the provider reported no usage) or {@code unpriced} (the model has no price;
 * then {@code x-sluice-cost-usd} is absent).
 */
public final class CostHeaders {
    /** The cost in US dollars. */
    public static final String USD = "x-sluice-cost-usd";
    /** {@code estimated} or {@code unpriced}. */
    public static final String NOTE = "x-sluice-cost";
    /** Decimal places of {@link #USD}: a ten-billionth of a dollar is finer than any token's price. */
    public static final int SCALE = 10;

    private CostHeaders() {
    }

    /** A cost as the header carries it: rounded half-up to ten places, no trailing zeros, no exponent. */
    public static String usd(BigDecimal cost) {
        return cost.setScale(SCALE, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }
}
