package dev.sluice.plugins.audit.otlp;

import dev.sluice.spi.audit.AuditRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The single exporter thread's work: take a batch from the queue, lay its records out as spans,
 * encode them once, and post them, retrying per the OTLP specification (429, 502, 503, 504 and
 * no answer, with backoff and {@code Retry-After}, {@link RetryPolicy#maxAttempts()} tries at
 * most). Any other answer drops the batch, logged once per status. During shutdown, tries stop
 * at the shutdown deadline and whatever is left is dropped and counted.
 */
final class Exporter implements Runnable {
    private static final Logger LOG = Logger.getLogger(Exporter.class.getName());

    private final RecordQueue queue;
    private final SpanLayout layout;
    private final SpanEncoder encoder;
    private final OtlpTransport transport;
    private final RetryPolicy retry;
    private final Duration timeout;
    private final ExportCounters counters;
    private final Set<Integer> reportedStatuses = new HashSet<>(); // the exporter thread's own
    private volatile long shutdownDeadline;
    private volatile boolean shuttingDown;

    Exporter(RecordQueue queue, SpanLayout layout, SpanEncoder encoder, OtlpTransport transport,
            OtlpSettings settings, ExportCounters counters) {
        this.queue = queue;
        this.layout = layout;
        this.encoder = encoder;
        this.transport = transport;
        this.retry = settings.retry();
        this.timeout = settings.timeout();
        this.counters = counters;
    }

    /** From now on, give up on tries that would end after {@code deadlineNanos} ({@link System#nanoTime()}). */
    void shutdownBy(long deadlineNanos) {
        shutdownDeadline = deadlineNanos;
        shuttingDown = true;
    }

    @Override
    public void run() {
        while (true) {
            List<AuditRecord> batch;
            try {
                batch = queue.nextBatch();
            } catch (InterruptedException e) {
                return; // stopped by close() after its deadline; it counts what is still queued
            }
            if (batch.isEmpty()) {
                return;
            }
            try {
                export(batch);
            } catch (InterruptedException e) {
                counters.dropped(batch.size(), "the gateway stopped while they were being exported");
                return;
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "otlp audit sink failed to export a batch", e);
                counters.dropped(batch.size(), "the export failed: " + e.getClass().getSimpleName());
            } finally {
                queue.settle(batch.size());
            }
        }
    }

    private void export(List<AuditRecord> batch) throws InterruptedException {
        if (pastDeadline()) {
            counters.dropped(batch.size(), "the gateway stopped before the collector took them");
            return;
        }
        byte[] body;
        try {
            List<SpanData> spans = new ArrayList<>(batch.size() * 2);
            for (AuditRecord record : batch) {
                spans.addAll(layout.spans(record));
            }
            body = transport.prepare(encoder.encode(spans));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "otlp audit sink could not encode a batch", e);
            counters.dropped(batch.size(), "a batch could not be encoded");
            return;
        }
        for (int attempt = 1; ; attempt++) {
            Delivery delivery = transport.send(body, callTimeout());
            switch (delivery) {
                case Delivery.Accepted accepted -> {
                    counters.written(batch.size());
                    if (accepted.rejectedSpans() > 0) {
                        LOG.log(Level.WARNING, "the OTLP collector rejected {0,number,#} span(s) of a batch: {1}",
                                new Object[] {accepted.rejectedSpans(), accepted.message()});
                    }
                    return;
                }
                case Delivery.Rejected rejected -> {
                    counters.failedAttempt();
                    if (reportedStatuses.add(rejected.status())) {
                        LOG.log(Level.WARNING, "the OTLP collector answered HTTP {0} and will not take this data;"
                                + " batches it refuses are dropped (logged once per status): {1}",
                                new Object[] {rejected.status(), rejected.message()});
                    }
                    counters.dropped(batch.size(), "the collector refused them with HTTP " + rejected.status());
                    return;
                }
                case Delivery.Retryable retryable -> {
                    counters.failedAttempt();
                    if (attempt >= retry.maxAttempts()) {
                        counters.dropped(batch.size(), "no export in " + attempt + " tries, last: "
                                + retryable.reason());
                        return;
                    }
                    long delay = retry.delay(attempt, retryable.retryAfter()).toNanos();
                    if (shuttingDown && System.nanoTime() + delay >= shutdownDeadline) {
                        counters.dropped(batch.size(), "the gateway stopped while the collector was failing: "
                                + retryable.reason());
                        return;
                    }
                    queue.pause(delay);
                    if (pastDeadline()) {
                        counters.dropped(batch.size(), "the gateway stopped while the collector was failing: "
                                + retryable.reason());
                        return;
                    }
                }
            }
        }
    }

    private boolean pastDeadline() {
        return shuttingDown && System.nanoTime() >= shutdownDeadline;
    }

    /** The configured timeout, or what is left before the shutdown deadline if that is less. */
    private Duration callTimeout() {
        if (!shuttingDown) {
            return timeout;
        }
        long left = Math.max(1_000_000L, shutdownDeadline - System.nanoTime());
        return left < timeout.toNanos() ? Duration.ofNanos(left) : timeout;
    }
}
