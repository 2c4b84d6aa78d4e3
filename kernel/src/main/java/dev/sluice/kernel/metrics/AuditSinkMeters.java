package dev.sluice.kernel.metrics;

import dev.sluice.spi.audit.AuditStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * Each audit sink's queue and counters, read from its {@link AuditStats} when scraped. A sink
 * added again under the same name replaces the earlier one's figures.
 */
final class AuditSinkMeters {
    private static final AuditStats NOTHING = new AuditStats(0, 0, 0, 0, 0, 0);

    private final MeterRegistry registry;
    private final ConcurrentHashMap<String, AtomicReference<Supplier<AuditStats>>> sinks = new ConcurrentHashMap<>();

    AuditSinkMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    void add(String name, Supplier<AuditStats> stats) {
        sinks.computeIfAbsent(name, this::register).set(stats);
    }

    private AtomicReference<Supplier<AuditStats>> register(String sink) {
        AtomicReference<Supplier<AuditStats>> source = new AtomicReference<>(() -> NOTHING);
        gauge(sink, source, MetricNames.AUDIT_QUEUE_DEPTH, "Records accepted by the sink and not yet written.",
                AuditStats::queued);
        gauge(sink, source, MetricNames.AUDIT_QUEUE_CAPACITY, "How many records the sink queues before writers wait.",
                AuditStats::capacity);
        counter(sink, source, MetricNames.AUDIT_WRITTEN, "Records the sink wrote.", AuditStats::written);
        counter(sink, source, MetricNames.AUDIT_FAILURES,
                "Write attempts that failed; the records stay queued and are tried again.", AuditStats::failed);
        counter(sink, source, MetricNames.AUDIT_DROPPED, "Records the sink gave up on.", AuditStats::dropped);
        counter(sink, source, MetricNames.AUDIT_WAITS,
                "Times a request had to wait for room in the sink's queue (back-pressure).", AuditStats::waits);
        return source;
    }

    private void gauge(String sink, AtomicReference<Supplier<AuditStats>> source, String name, String help,
            ToDoubleFunction<AuditStats> value) {
        Gauge.builder(name, source, s -> value.applyAsDouble(s.get().get())).description(help).tag("sink", sink)
                .strongReference(true).register(registry);
    }

    // The map of sinks holds the source, so the counter's weak reference to it stays valid.
    private void counter(String sink, AtomicReference<Supplier<AuditStats>> source, String name, String help,
            ToDoubleFunction<AuditStats> value) {
        FunctionCounter.builder(name, source, s -> value.applyAsDouble(s.get().get())).description(help)
                .tag("sink", sink).register(registry);
    }
}
