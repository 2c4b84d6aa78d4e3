package dev.sluice.kernel.metrics;

import dev.sluice.kernel.route.health.HealthTracker;
import dev.sluice.spi.audit.AuditRecord;
import dev.sluice.spi.audit.AuditStats;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The gateway's metrics, one per process: it outlives configuration reloads, so counters keep
 * counting across them. Requests are counted from their audit records ({@link #request}), audit
 * sinks report their queues ({@link #auditSink}), target health is read from the
 * {@link HealthTracker} when scraped, and the JVM's own meters are bound by {@link #start()}.
 * {@link #scrape()} renders everything in Prometheus' text format; {@code docs/metrics.md} lists
 * every metric.
 *
 * <pre>{@code
 * GatewayMetrics metrics = new GatewayMetrics(tracker);
 * metrics.start();
 * metrics.request(record);          // once per request, after the answer went out
 * String text = metrics.scrape();   // GET /metrics
 * }</pre>
 *
 * <p>Thread-safe. {@link #request} is meant for the request's own thread: it takes no lock,
 * looks its meters up by label values in a few hash maps, and never throws.
 */
public final class GatewayMetrics implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(GatewayMetrics.class.getName());

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final HealthTracker health;
    private final RequestMeters requests = new RequestMeters(registry);
    private final AuditSinkMeters sinks = new AuditSinkMeters(registry);
    private final JvmMeters jvm = new JvmMeters(registry);
    private final AtomicBoolean failedOnce = new AtomicBoolean();

    /** @param health the targets' health, shown as {@code sluice_target_*} gauges */
    public GatewayMetrics(HealthTracker health) {
        this.health = health;
    }

    /**
     * Counts one request from its audit record: requests, latencies, tokens, cost, cache,
     * failover, guardrails and rejections. Call it once per request, after the answer was sent.
     */
    public void request(AuditRecord record) {
        try {
            requests.record(record);
        } catch (RuntimeException e) {
            // A metrics bug must not fail a request that has already been answered; say so once.
            if (failedOnce.compareAndSet(false, true)) {
                LOG.log(Level.WARNING, "a request could not be counted in the metrics", e);
            }
        }
    }

    /**
     * Reports an audit sink's queue and counters, labelled {@code sink=name}, read from
     * {@code stats} at scrape time. Adding a name again replaces the earlier figures.
     */
    public void auditSink(String name, Supplier<AuditStats> stats) {
        sinks.add(name, stats);
    }

    /** The Prometheus text exposition (format 0.0.4) of every metric. */
    public String scrape() {
        return registry.scrape() + TargetGauges.text(health);
    }

    /**
     * Binds the JVM's meters (memory, GC, threads, class loading, processor, uptime, open files)
     * and, a moment later, the virtual-thread meters. Idempotent.
     */
    public void start() {
        jvm.start();
    }

    /** Whether the virtual-thread meters are bound yet. */
    public boolean virtualThreadMetersBound() {
        return jvm.virtualThreadsBound();
    }

    /** The registry, for meters of the kernel's own. */
    public MeterRegistry registry() {
        return registry;
    }

    /**
     * Releases what the JVM meters hold (the JFR recording stream, GC listeners). Counting and
     * scraping still work; the JVM meters keep their last values.
     */
    @Override
    public void close() {
        jvm.close();
    }
}
