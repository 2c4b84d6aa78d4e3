package dev.sluice.kernel.route.health;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * The latency histogram's buckets: upper bounds from 1 ms to 5 min on a roughly 1-2-3-5-7 scale,
 * then one open bucket. Percentiles interpolate within a bucket, so they are estimates whose
 * error is at most the bucket's width.
 */
final class LatencyBuckets {
    private static final long[] UPPER_MILLIS = {1, 2, 3, 5, 7, 10, 15, 20, 30, 50, 70, 100, 150, 200, 300, 500, 700,
        1_000, 1_500, 2_000, 3_000, 5_000, 7_000, 10_000, 15_000, 20_000, 30_000, 60_000, 120_000, 300_000};
    private static final long[] UPPER_NANOS = Arrays.stream(UPPER_MILLIS).map(TimeUnit.MILLISECONDS::toNanos).toArray();
    static final int COUNT = UPPER_NANOS.length + 1;

    private LatencyBuckets() {
    }

    static int indexOf(long nanos) {
        int i = Arrays.binarySearch(UPPER_NANOS, nanos);
        return i >= 0 ? i : -i - 1;
    }

    /** The {@code quantile} of {@code total} samples spread over the buckets; 0 with none. */
    static long percentile(long[] histogram, long total, double quantile) {
        if (total <= 0) {
            return 0;
        }
        double rank = quantile * total;
        long seen = 0;
        for (int b = 0; b < histogram.length; b++) {
            long count = histogram[b];
            if (count > 0 && seen + count >= rank) {
                long lower = b == 0 ? 0 : UPPER_NANOS[b - 1];
                long upper = b < UPPER_NANOS.length ? UPPER_NANOS[b] : lower * 2;
                double within = (rank - seen) / count;
                return lower + Math.round((upper - lower) * Math.max(0, Math.min(1, within)));
            }
            seen += count;
        }
        return UPPER_NANOS[UPPER_NANOS.length - 1];
    }
}
