package dev.sluice.plugins.routing;

import dev.sluice.spi.TargetHealth;
import dev.sluice.spi.TargetHealth.State;
import java.time.Duration;

/** Health snapshots for tests. */
final class Health {
    private Health() {
    }

    /** Healthy, with a typical latency for complete answers and no stream measured. */
    static TargetHealth latency(long millis) {
        return new TargetHealth(State.HEALTHY, 20, 0, Duration.ofMillis(millis), Duration.ZERO,
                Duration.ofMillis(millis * 2));
    }

    /** Healthy, with typical latencies for complete answers and for a stream's first chunk. */
    static TargetHealth latency(long millis, long firstTokenMillis) {
        return new TargetHealth(State.HEALTHY, 20, 0, Duration.ofMillis(millis), Duration.ofMillis(firstTokenMillis),
                Duration.ofMillis(millis * 2));
    }

    /** Attempts in the window but no latency: every one failed. */
    static TargetHealth failing() {
        return new TargetHealth(State.HEALTHY, 5, 1, Duration.ZERO, Duration.ZERO, Duration.ZERO);
    }

    static TargetHealth open() {
        return of(State.OPEN, 100);
    }

    static TargetHealth degraded() {
        return of(State.DEGRADED, 100);
    }

    static TargetHealth halfOpen() {
        return of(State.HALF_OPEN, 100);
    }

    /** A state with a typical latency. */
    static TargetHealth of(State state, long millis) {
        return new TargetHealth(state, 20, state == State.HEALTHY ? 0 : 0.5, Duration.ofMillis(millis),
                Duration.ZERO, Duration.ofMillis(millis * 2));
    }
}
