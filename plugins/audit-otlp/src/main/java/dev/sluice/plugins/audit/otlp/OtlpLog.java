package dev.sluice.plugins.audit.otlp;

import dev.sluice.spi.audit.AuditLog;
import dev.sluice.spi.audit.AuditRecord;
import dev.sluice.spi.audit.AuditStats;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The open {@code otlp} sink. {@link #write} only queues the record and never waits: telemetry
 * must not slow the gateway, so when the queue is full the record is dropped and counted in
 * {@link AuditStats#dropped()} (the one audit sink documented to drop). One exporter thread
 * turns queued records into spans and posts them in batches.
 *
 * <p>{@link #flush} and {@link #close} wait at most the configured {@code timeout} for the
 * collector; what it has not taken by then is dropped and counted. Thread-safe.
 */
final class OtlpLog implements AuditLog {
    private static final Logger LOG = Logger.getLogger(OtlpLog.class.getName());
    /** How long close() waits for the exporter beyond the timeout before it stops the thread. */
    private static final long GRACE_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final OtlpSettings settings;
    private final RecordQueue queue;
    private final ExportCounters counters = new ExportCounters();
    private final Exporter exporter;
    private final OtlpTransport transport;
    private final Thread thread;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final String queueFull;

    OtlpLog(OtlpSettings settings) {
        this.settings = settings;
        this.queueFull = "the export queue (queue_capacity " + settings.queueCapacity()
                + ") was full; is the collector at " + settings.tracesUri() + " reachable and fast enough?";
        this.queue = new RecordQueue(settings.queueCapacity(), settings.batchSize(),
                settings.exportInterval().toNanos());
        this.transport = new OtlpTransport(settings);
        this.exporter = new Exporter(queue, new SpanLayout(settings.providers(), new SpanIds()),
                SpanEncoder.of(settings.protocol(), settings.serviceName()), transport, settings, counters);
        this.thread = Thread.ofPlatform().daemon().name("sluice-audit-otlp").start(exporter);
    }

    /** Queues the record, or drops and counts it when the queue is full; never waits. */
    @Override
    public void write(AuditRecord record) {
        if (!queue.offer(record)) {
            counters.dropped(1, queueFull);
        }
    }

    /** Exports everything queued so far, waiting at most {@code timeout}. */
    @Override
    public void flush() {
        try {
            if (!queue.flush(settings.timeout().toNanos())) {
                LOG.log(Level.FINE, "otlp audit sink flush ran out of time; the export goes on");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public AuditStats stats() {
        return new AuditStats(queue.size(), settings.queueCapacity(), counters.written(), counters.failed(),
                counters.dropped(), 0);
    }

    /** Exports what is queued within {@code timeout}, drops and counts the rest, and stops. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        long deadline = System.nanoTime() + settings.timeout().toNanos();
        exporter.shutdownBy(deadline);
        queue.close();
        boolean interrupted = false;
        try {
            if (!thread.join(Duration.ofNanos(settings.timeout().toNanos() + GRACE_NANOS))) {
                thread.interrupt(); // stuck in a request past its own timeout: give up on it
                thread.join(Duration.ofNanos(GRACE_NANOS));
            }
        } catch (InterruptedException e) {
            interrupted = true;
            thread.interrupt();
        }
        int left = queue.clear();
        if (left > 0) {
            counters.dropped(left, "the gateway stopped before the collector took them");
        }
        transport.close();
        if (counters.dropped() > 0) {
            LOG.log(Level.WARNING, "otlp audit sink closed; {0,number,#} record(s) exported,"
                    + " {1,number,#} dropped in all", new Object[] {counters.written(), counters.dropped()});
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
