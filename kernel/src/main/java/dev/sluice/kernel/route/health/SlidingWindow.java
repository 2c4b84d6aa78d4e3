package dev.sluice.kernel.route.health;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Attempt counts and a latency histogram over the last {@code window}, kept in ten slices of a
 * tenth of the window each; a slice is reused (and zeroed) once it has slid out. Recording is a
 * few atomic increments and never blocks on I/O; the short lock that zeroes a slice is taken once
 * per slice and window turn.
 *
 * <p>Counts are approximate under concurrency: an increment racing with a slice's reuse may be
 * lost, which health decisions over dozens of requests do not notice.
 */
final class SlidingWindow {
    static final int SLICES = 10;
    private static final int REQUESTS = 0;
    private static final int ERRORS = 1;
    private static final int SAMPLES = 2;
    private static final int HISTOGRAM = 3;

    private final long windowNanos;
    private final long sliceNanos;
    private final Slice[] slices = new Slice[SLICES];

    SlidingWindow(long windowNanos) {
        this.windowNanos = windowNanos;
        this.sliceNanos = Math.max(1, windowNanos / SLICES);
        for (int i = 0; i < SLICES; i++) {
            slices[i] = new Slice();
        }
    }

    long windowNanos() {
        return windowNanos;
    }

    /** One attempt; {@code latencyNanos} below zero records no latency sample. */
    void record(long now, boolean failed, long latencyNanos) {
        AtomicLongArray counts = current(now);
        counts.incrementAndGet(REQUESTS);
        if (failed) {
            counts.incrementAndGet(ERRORS);
        }
        if (latencyNanos >= 0) {
            counts.incrementAndGet(SAMPLES);
            counts.incrementAndGet(HISTOGRAM + LatencyBuckets.indexOf(latencyNanos));
        }
    }

    /** A failure of an attempt already counted (a stream that broke after its first chunk). */
    void recordLateError(long now) {
        current(now).incrementAndGet(ERRORS);
    }

    /** Forgets everything (a breaker that closes starts afresh). */
    void clear() {
        for (Slice slice : slices) {
            synchronized (slice) {
                slice.epoch = -1;
                slice.zero();
            }
        }
    }

    /** The sums over the slices still inside the window at {@code now}. */
    WindowTotals totals(long now) {
        long epoch = now / sliceNanos;
        long requests = 0;
        long errors = 0;
        long samples = 0;
        long[] histogram = new long[LatencyBuckets.COUNT];
        for (Slice slice : slices) {
            long e = slice.epoch;
            if (e < 0 || e > epoch || epoch - e >= SLICES) {
                continue;
            }
            requests += slice.counts.get(REQUESTS);
            errors += slice.counts.get(ERRORS);
            samples += slice.counts.get(SAMPLES);
            for (int b = 0; b < histogram.length; b++) {
                histogram[b] += slice.counts.get(HISTOGRAM + b);
            }
        }
        return new WindowTotals(requests, Math.min(errors, requests), samples,
                LatencyBuckets.percentile(histogram, samples, 0.95));
    }

    private AtomicLongArray current(long now) {
        long epoch = now / sliceNanos;
        Slice slice = slices[(int) (epoch % SLICES)];
        if (slice.epoch != epoch) {
            synchronized (slice) {
                if (slice.epoch != epoch) {
                    slice.zero();
                    slice.epoch = epoch;
                }
            }
        }
        return slice.counts;
    }

    private static final class Slice {
        volatile long epoch = -1;
        final AtomicLongArray counts = new AtomicLongArray(HISTOGRAM + LatencyBuckets.COUNT);

        void zero() {
            for (int i = 0; i < counts.length(); i++) {
                counts.set(i, 0);
            }
        }
    }
}
