package dev.sluice.kernel.budget;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * US dollars as whole nano-dollars, the unit counters hold: exact for any price per million
 * tokens with up to three decimals, and up to about nine billion dollars per counter.
 */
public final class Money {
    private static final int SCALE = 9;

    private Money() {
    }

    /** Dollars as nano-dollars, rounded up: reservations and settlements never under-count. */
    public static long nanos(BigDecimal usd) {
        return usd.setScale(SCALE, RoundingMode.CEILING).unscaledValue().longValueExact();
    }

    /** Nano-dollars as dollars, without trailing zeros. */
    public static BigDecimal usd(long nanos) {
        BigDecimal value = BigDecimal.valueOf(nanos, SCALE).stripTrailingZeros();
        return value.scale() < 0 ? value.setScale(0) : value;
    }

    /** Dollars for messages: {@code $1.25}, {@code $0.000042}. */
    public static String show(long nanos) {
        BigDecimal usd = usd(nanos);
        return "$" + (usd.scale() < 2 ? usd.setScale(2).toPlainString() : usd.toPlainString());
    }
}
