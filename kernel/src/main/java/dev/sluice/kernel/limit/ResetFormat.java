package dev.sluice.kernel.limit;

import java.time.Duration;

/** Durations as OpenAI writes them in {@code x-ratelimit-reset-*}: {@code 120ms}, {@code 1.5s}, {@code 6m0s}. */
final class ResetFormat {
    private ResetFormat() {
    }

    static String of(Duration d) {
        long ms = Math.max(0, d.toMillis());
        if (ms < 1000) {
            return ms + "ms";
        }
        if (ms < 60_000) {
            String s = java.math.BigDecimal.valueOf(ms, 3).stripTrailingZeros().toPlainString();
            return s + "s";
        }
        return (ms / 60_000) + "m" + ((ms % 60_000) / 1000) + "s";
    }
}
