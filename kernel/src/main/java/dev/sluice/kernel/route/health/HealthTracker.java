package dev.sluice.kernel.route.health;

import dev.sluice.kernel.config.GatewayConfig.HealthConfig;
import dev.sluice.spi.TargetHealth;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The health of every configured target, by {@code provider/model} label. One per gateway
 * process: it outlives configuration reloads, so a reload keeps what was learnt about targets it
 * still routes to, and a reload's new {@code routing.health} settings apply from then on.
 *
 * <p>Only targets of configured routes are tracked ({@link #register}); a target reached by direct
 * addressing is recorded only when a route also uses it, so that clients cannot grow the table.
 * Thread-safe.
 */
public final class HealthTracker {
    private final Map<String, TargetStats> targets = new ConcurrentHashMap<>();
    private final Clock clock;
    private final LongSupplier nanos;
    private volatile HealthConfig config = HealthConfig.DEFAULT;

    /** A tracker on the system's monotonic time. */
    public HealthTracker(Clock clock) {
        this(clock, System::nanoTime);
    }

    /**
     * @param clock wall time, for the instants reports show
     * @param nanos monotonic time in nanoseconds (tests pass a controllable one)
     */
    public HealthTracker(Clock clock, LongSupplier nanos) {
        this.clock = clock;
        this.nanos = nanos;
    }

    /** Applies a configuration's {@code routing.health}; statistics are kept unless the window length changed. */
    public void configure(HealthConfig value) {
        this.config = value;
    }

    /** The settings in force. */
    public HealthConfig config() {
        return config;
    }

    /** The stats of a configured target, created on first use. Creating does no I/O. */
    public TargetStats register(String label) {
        return targets.computeIfAbsent(label, l -> new TargetStats(l, nanos, this::config));
    }

    /** The stats of a target, if it is tracked. */
    public Optional<TargetStats> find(String label) {
        return Optional.ofNullable(targets.get(label));
    }

    /** Every tracked target's stats, in no particular order. */
    public java.util.Collection<TargetStats> all() {
        return java.util.List.copyOf(targets.values());
    }

    /** Forgets targets no route uses any more. */
    public void retain(Collection<String> labels) {
        Set<String> keep = Set.copyOf(labels);
        targets.keySet().removeIf(label -> !keep.contains(label));
    }

    /** The health of a target as extensions see it; {@link TargetHealth#UNKNOWN} when it is not tracked. */
    public TargetHealth health(String label) {
        TargetStats stats = targets.get(label);
        return stats == null ? TargetHealth.UNKNOWN : report(stats).health();
    }

    /** Everything known about a target, for the admin endpoint. */
    public HealthReport report(TargetStats stats) {
        WindowTotals t = stats.totals();
        TargetHealth health = new TargetHealth(stats.state(), (int) Math.min(Integer.MAX_VALUE, t.requests()),
                t.errorRate(), Duration.ofNanos(stats.latencyEwmaNanos()), Duration.ofNanos(stats.firstTokenEwmaNanos()),
                Duration.ofNanos(t.p95Nanos()));
        TargetStats.Breaker breaker = stats.breaker();
        if (breaker.isClosed()) {
            return new HealthReport(stats.label(), health, Optional.empty(), Optional.empty(), Optional.empty());
        }
        Instant now = clock.instant();
        Instant openedAt = now.minusNanos(Math.max(0, stats.now() - breaker.openedAt()));
        Instant probeAt = now.plusNanos(stats.cooldownLeftNanos());
        return new HealthReport(stats.label(), health, Optional.of(openedAt), Optional.of(probeAt),
                Optional.of(breaker.reason()));
    }

    /**
     * A target's health with its breaker's times.
     *
     * @param label {@code provider/model}
     * @param health state and window statistics
     * @param openedAt when the breaker opened, while it is open or half open
     * @param nextProbeAt when a probe may go through (now or in the past once half open)
     * @param reason why the breaker opened
     */
    public record HealthReport(String label, TargetHealth health, Optional<Instant> openedAt,
            Optional<Instant> nextProbeAt, Optional<String> reason) {
    }
}
