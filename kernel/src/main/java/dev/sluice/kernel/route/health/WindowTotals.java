package dev.sluice.kernel.route.health;

/**
 * What a target's sliding window holds.
 *
 * @param requests attempts
 * @param errors failed attempts (never more than {@code requests})
 * @param samples attempts with a latency sample
 * @param p95Nanos the 95th percentile of the samples, 0 with none
 */
public record WindowTotals(long requests, long errors, long samples, long p95Nanos) {
    static final WindowTotals EMPTY = new WindowTotals(0, 0, 0, 0);

    /** The share of failed attempts, 0 to 1. */
    public double errorRate() {
        return requests == 0 ? 0 : (double) errors / requests;
    }
}
