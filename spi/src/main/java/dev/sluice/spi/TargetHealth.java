package dev.sluice.spi;

import java.time.Duration;

/**
 * What the gateway has observed of one target (provider and upstream model) over its recent
 * sliding window, as routing strategies and policies see it. Snapshots are immutable; read a
 * fresh one per decision with {@link GatewayContext#health()}.
 *
 * @param state the circuit breaker's state
 * @param requests how many attempts the window holds
 * @param errorRate the share of those attempts that failed, 0 to 1
 * @param latency the recent typical (exponentially weighted) time of a complete answer, or
 *     {@link Duration#ZERO} when none was seen
 * @param firstToken the recent typical time to the first chunk of a stream, or
 *     {@link Duration#ZERO} when none was seen
 * @param p95 the 95th percentile of latency in the window, or {@link Duration#ZERO}
 */
public record TargetHealth(State state, int requests, double errorRate, Duration latency, Duration firstToken,
        Duration p95) {

    /** A target nothing is known about yet: healthy, no traffic. */
    public static final TargetHealth UNKNOWN =
            new TargetHealth(State.HEALTHY, 0, 0, Duration.ZERO, Duration.ZERO, Duration.ZERO);

    /** The circuit breaker's states. */
    public enum State {
        /** Serving normally. */
        HEALTHY,
        /** Slow or failing more than it should, but not cut off: tried after healthy targets. */
        DEGRADED,
        /** Cut off after breaching a threshold; not tried until its cooldown ends. */
        OPEN,
        /** The cooldown ended: one probe request may go through to test it. */
        HALF_OPEN
    }

    /** Whether requests may be sent to the target now. */
    public boolean available() {
        return state != State.OPEN;
    }

    /** The typical latency for the kind of call: time to first token for streams, else the whole answer. */
    public Duration typical(boolean stream) {
        return stream && !firstToken.isZero() ? firstToken : latency;
    }
}
