package dev.sluice.kernel.route.health;

import dev.sluice.kernel.config.GatewayConfig.HealthConfig;
import dev.sluice.spi.TargetHealth.State;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongBinaryOperator;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The live health of one target (provider and upstream model): a sliding window of attempts, the
 * recent typical latencies, and a circuit breaker.
 *
 * <p>The breaker opens when, over at least {@code min_requests} attempts in the window, the error
 * rate reaches {@code error_rate}, or the p95 reaches {@code latency_threshold}. After
 * {@code cooldown} it is half open: one probe may go through ({@link #tryProbe()}). The probe's
 * success closes it and clears the window; its failure opens it again for another cooldown.
 * Outcomes of ordinary attempts that were in flight when it opened neither close nor reopen it.
 *
 * <p>Thread-safe and lock-free on the hot path: recording is a few atomic operations; the state
 * other requests read is recomputed from the window at most every {@value #REFRESH_MILLIS} ms.
 */
public final class TargetStats {
    private static final long REFRESH_MILLIS = 250;
    private static final long REFRESH_NANOS = REFRESH_MILLIS * 1_000_000;
    /** Exponential weighting with alpha 1/5: the newest sample moves the average a fifth of the way. */
    private static final LongBinaryOperator EWMA = (old, sample) -> old == 0 ? sample : old + (sample - old) / 5;

    private final String label;
    private final LongSupplier nanos;
    private final Supplier<HealthConfig> config;
    private final AtomicLong latencyEwma = new AtomicLong();
    private final AtomicLong firstTokenEwma = new AtomicLong();
    private final AtomicReference<Breaker> breaker = new AtomicReference<>(Breaker.CLOSED);
    private final AtomicLong probeSince = new AtomicLong();
    private volatile SlidingWindow window;
    private volatile Cached cached;

    TargetStats(String label, LongSupplier nanos, Supplier<HealthConfig> config) {
        this.label = label;
        this.nanos = nanos;
        this.config = config;
        this.window = new SlidingWindow(config.get().window().toNanos());
    }

    /** {@code provider/model}. */
    public String label() {
        return label;
    }

    /**
     * A successful attempt.
     *
     * @param latencyNanos time to the complete answer, or for a stream to its first chunk
     * @param stream whether the attempt was a stream
     * @param probe whether the attempt held the probe of a half-open (or forced open) breaker
     */
    public void success(long latencyNanos, boolean stream, boolean probe) {
        long now = nanos.getAsLong();
        if (probe) {
            close(now);
        }
        window().record(now, false, latencyNanos);
        (stream ? firstTokenEwma : latencyEwma).accumulateAndGet(latencyNanos, EWMA);
        HealthConfig c = config.get();
        if (c.latencyThreshold().isPresent() && latencyNanos >= c.latencyThreshold().get().toNanos()
                && breaker.get().isClosed()) {
            WindowTotals totals = refresh(now);
            if (totals.samples() >= c.minRequests() && totals.p95Nanos() >= c.latencyThreshold().get().toNanos()) {
                open(now, "p95 " + Duration.ofNanos(totals.p95Nanos()).toMillis() + "ms over "
                        + totals.samples() + " answers reached the latency threshold");
            }
        }
    }

    /**
     * A failed attempt (one that failed over, or timed out).
     *
     * @param probe whether the attempt held the probe
     */
    public void failure(boolean probe) {
        long now = nanos.getAsLong();
        window().record(now, true, -1);
        afterError(now, probe);
    }

    /** A stream that broke or stalled after its first chunk, whose attempt was counted a success. */
    public void brokeAfterStart() {
        long now = nanos.getAsLong();
        window().recordLateError(now);
        afterError(now, false);
    }

    /**
     * Takes the probe of a half-open breaker; false when it is not half open or another request
     * holds the probe. A probe never reported is given up after the cooldown.
     */
    public boolean tryProbe() {
        long now = nanos.getAsLong();
        Breaker b = breaker.get();
        if (b.isClosed() || now - b.openedAt() < config.get().cooldown().toNanos()) {
            return false;
        }
        long held = probeSince.get();
        long stale = Math.max(config.get().cooldown().toNanos(), 10_000_000_000L);
        return (held == 0 || now - held > stale) && probeSince.compareAndSet(held, now == 0 ? 1 : now);
    }

    /** Takes the probe whatever the state: every target is open and this one is tried regardless. */
    public void forceProbe() {
        long now = nanos.getAsLong();
        probeSince.set(now == 0 ? 1 : now);
    }

    /** Gives the probe back without a verdict (its attempt was abandoned for another's answer). */
    public void releaseProbe() {
        probeSince.set(0);
    }

    /** The breaker's state and, while closed, whether the window looks degraded. */
    public State state() {
        long now = nanos.getAsLong();
        Breaker b = breaker.get();
        if (!b.isClosed()) {
            return now - b.openedAt() >= config.get().cooldown().toNanos() ? State.HALF_OPEN : State.OPEN;
        }
        return degraded(totals(now)) ? State.DEGRADED : State.HEALTHY;
    }

    /** Nanoseconds until an open breaker half-opens; 0 when it is not open. */
    public long cooldownLeftNanos() {
        Breaker b = breaker.get();
        if (b.isClosed()) {
            return 0;
        }
        return Math.max(0, b.openedAt() + config.get().cooldown().toNanos() - nanos.getAsLong());
    }

    /** What the window holds now (recomputed at most every few hundred milliseconds). */
    public WindowTotals totals() {
        return totals(nanos.getAsLong());
    }

    /** The p95 of the window, or empty while it holds fewer than {@code min_requests} samples. */
    public Optional<Duration> p95() {
        WindowTotals t = totals();
        return t.samples() >= config.get().minRequests() ? Optional.of(Duration.ofNanos(t.p95Nanos()))
                : Optional.empty();
    }

    /** The recent typical time of a complete answer, 0 with none. */
    public long latencyEwmaNanos() {
        return latencyEwma.get();
    }

    /** The recent typical time to a stream's first chunk, 0 with none. */
    public long firstTokenEwmaNanos() {
        return firstTokenEwma.get();
    }

    /** The breaker as it is now. */
    public Breaker breaker() {
        return breaker.get();
    }

    /** The clock the stats run on. */
    long now() {
        return nanos.getAsLong();
    }

    private boolean degraded(WindowTotals t) {
        HealthConfig c = config.get();
        if (t.requests() >= c.minRequests() && t.errorRate() >= c.errorRate() / 2) {
            return true;
        }
        return c.latencyThreshold().isPresent() && t.samples() >= c.minRequests()
                && t.p95Nanos() >= c.latencyThreshold().get().toNanos() / 2;
    }

    private void afterError(long now, boolean probe) {
        Breaker b = breaker.get();
        if (probe) {
            open(now, "the probe failed");
            return;
        }
        if (!b.isClosed()) {
            return;
        }
        HealthConfig c = config.get();
        WindowTotals t = refresh(now);
        if (t.requests() >= c.minRequests() && t.errorRate() >= c.errorRate()) {
            open(now, Math.round(t.errorRate() * 100) + "% of " + t.requests() + " attempts failed");
        }
    }

    private void open(long now, String reason) {
        breaker.set(new Breaker(false, now, reason));
        probeSince.set(0);
        cached = null;
    }

    private void close(long now) {
        Breaker b = breaker.get();
        if (!b.isClosed() && breaker.compareAndSet(b, Breaker.CLOSED)) {
            window().clear();
            cached = null;
        }
        probeSince.set(0);
    }

    private WindowTotals totals(long now) {
        Cached c = cached;
        return c != null && now - c.at() < REFRESH_NANOS ? c.totals() : refresh(now);
    }

    private WindowTotals refresh(long now) {
        WindowTotals t = window().totals(now);
        cached = new Cached(now, t);
        return t;
    }

    /** The window, rebuilt (empty) when a reload changed its length. */
    private SlidingWindow window() {
        SlidingWindow w = window;
        long wanted = config.get().window().toNanos();
        if (w.windowNanos() != wanted) {
            w = new SlidingWindow(wanted);
            window = w;
        }
        return w;
    }

    /**
     * The breaker.
     *
     * @param isClosed whether requests flow normally
     * @param openedAt {@link System#nanoTime()}-style time it opened, when open
     * @param reason why it opened, when open
     */
    public record Breaker(boolean isClosed, long openedAt, String reason) {
        static final Breaker CLOSED = new Breaker(true, 0, "");
    }

    private record Cached(long at, WindowTotals totals) {
    }
}
