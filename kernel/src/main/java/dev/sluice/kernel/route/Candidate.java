package dev.sluice.kernel.route;

import dev.sluice.kernel.route.health.TargetStats;
import dev.sluice.spi.Target;
import dev.sluice.spi.TargetHealth.State;
import dev.sluice.spi.UpstreamException;
import java.time.Duration;
import java.util.Optional;

/**
 * One target as one request sees it: where it stands in the request's order, how often this
 * request tried it, and how its last try failed. Belongs to the request's thread; the target's
 * shared health is reached through its {@link TargetStats} (absent for untracked direct targets).
 */
final class Candidate {
    private final Target target;
    private final TargetStats stats;
    private final boolean forced;
    private int tries;
    private UpstreamException lastFailure;
    private long failedAt;

    /**
     * @param target the target
     * @param stats its health, or null when it is not tracked
     * @param forced whether it is tried although its breaker is open (every target was open)
     */
    Candidate(Target target, TargetStats stats, boolean forced) {
        this.target = target;
        this.stats = stats;
        this.forced = forced;
    }

    Target target() {
        return target;
    }

    boolean forced() {
        return forced;
    }

    int tries() {
        return tries;
    }

    /** The breaker's state (HEALTHY for an untracked target). */
    State state() {
        return stats == null ? State.HEALTHY : stats.state();
    }

    /** Takes the probe of a half-open breaker, or forces one for a target tried although open. */
    boolean takeProbe() {
        if (stats == null) {
            return false;
        }
        if (forced) {
            stats.forceProbe();
            return true;
        }
        return stats.tryProbe();
    }

    /** The window's p95, when it has enough samples. */
    Optional<Duration> p95() {
        return stats == null ? Optional.empty() : stats.p95();
    }

    void started() {
        tries++;
    }

    void succeeded(long latencyNanos, boolean stream, boolean probe) {
        if (stats != null) {
            stats.success(latencyNanos, stream, probe);
        }
    }

    void failed(UpstreamException e, long now, boolean probe) {
        lastFailure = e;
        failedAt = now;
        if (stats != null) {
            stats.failure(probe);
        }
    }

    /** Its attempt was abandoned because another answered first: no verdict. */
    void abandoned(boolean probe) {
        if (probe && stats != null) {
            stats.releaseProbe();
        }
    }

    void brokeAfterStart() {
        if (stats != null) {
            stats.brokeAfterStart();
        }
    }

    /** Whether its last failure allows trying it again. */
    boolean retryable() {
        return lastFailure != null && lastFailure.retryable();
    }

    /** How much longer its upstream asked to be left alone ({@code Retry-After}), from {@code now}. */
    long retryAfterLeftNanos(long now) {
        if (lastFailure == null) {
            return 0;
        }
        return lastFailure.upstreamRetryAfter().map(d -> Math.max(0, d.toNanos() - (now - failedAt))).orElse(0L);
    }

    /** The whole {@code Retry-After} its upstream sent last, 0 for none. */
    long retryAfterNanos() {
        return lastFailure == null ? 0 : lastFailure.upstreamRetryAfter().map(Duration::toNanos).orElse(0L);
    }
}
