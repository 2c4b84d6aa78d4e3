package dev.sluice.bench;

import java.util.Arrays;

/**
 * Measures how often, and for how long, this machine takes a core away from a running thread.
 * One thread spins reading {@link System#nanoTime()} and records every gap between two
 * consecutive reads longer than a threshold: time the thread did not run, whatever took it (the
 * operating system, the hypervisor, another process). Pin it to a core with {@code taskset} to
 * measure that core.
 *
 * <p>The result bounds the tail of any short operation: an operation of length L is hit by a
 * stall with a probability of about L times the stall rate, so when that product is above 1 % its
 * p99 is its own length plus a typical stall.
 *
 * <pre>
 * java -cp bench/target/sluice-bench-0.1.0-SNAPSHOT.jar dev.sluice.bench.StallProbe [seconds] [threshold-µs]
 * </pre>
 */
public final class StallProbe {
    private StallProbe() {
    }

    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 5;
        long thresholdNanos = (args.length > 1 ? Long.parseLong(args[1]) : 5) * 1_000;
        int capacity = 1 << 20;
        long[] at = new long[capacity];
        long[] length = new long[capacity];
        int count = 0;
        long first = System.nanoTime();
        long end = first + (long) (seconds * 1e9);
        long previous = first;
        while (previous < end) {
            long now = System.nanoTime();
            if (now - previous > thresholdNanos && count < capacity) {
                at[count] = now - first;
                length[count++] = now - previous;
            }
            previous = now;
        }
        report(seconds, thresholdNanos, Arrays.copyOf(at, count), Arrays.copyOf(length, count));
    }

    private static void report(double seconds, long thresholdNanos, long[] at, long[] length) {
        int count = at.length;
        long stolen = Arrays.stream(length).sum();
        System.out.printf("%d stalls over %d µs in %.1f s: %.2f per ms, %.2f %% of the time%n", count,
                thresholdNanos / 1_000, seconds, count / (seconds * 1e3), stolen / (seconds * 1e7));
        if (count == 0) {
            return;
        }
        long[] sorted = length.clone();
        Arrays.sort(sorted);
        System.out.printf("stall length: p50 %.1f µs, p90 %.1f µs, p99 %.1f µs, max %.1f µs%n",
                sorted[count / 2] / 1e3, sorted[count * 9 / 10] / 1e3, sorted[count * 99 / 100] / 1e3,
                sorted[count - 1] / 1e3);
        int over12 = (int) Arrays.stream(length).filter(l -> l > 12_000).count();
        System.out.printf("stalls over 12 µs: %.2f per ms%n", over12 / (seconds * 1e3));
        if (count > 1) {
            long[] gaps = new long[count - 1];
            for (int i = 1; i < count; i++) {
                gaps[i - 1] = at[i] - at[i - 1];
            }
            Arrays.sort(gaps);
            System.out.printf("time between stalls: p25 %.0f µs, p50 %.0f µs, p75 %.0f µs%n", gaps[gaps.length / 4] / 1e3,
                    gaps[gaps.length / 2] / 1e3, gaps[gaps.length * 3 / 4] / 1e3);
        }
    }
}
