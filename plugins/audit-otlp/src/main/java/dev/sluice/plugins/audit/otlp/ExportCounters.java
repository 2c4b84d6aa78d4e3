package dev.sluice.plugins.audit.otlp;

import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What the sink has done, for {@code stats()}, and the warnings about records it dropped: never
 * silent, but at most one line a minute so that a collector outage does not flood the log.
 */
final class ExportCounters {
    private static final Logger LOG = Logger.getLogger(ExportCounters.class.getName());
    private static final long REPORT_EVERY_NANOS = 60_000_000_000L;

    private final AtomicLong written = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong unreported = new AtomicLong();
    private final AtomicLong lastReport = new AtomicLong(System.nanoTime() - REPORT_EVERY_NANOS);

    void written(long records) {
        written.addAndGet(records);
    }

    /** One export request that did not succeed. */
    void failedAttempt() {
        failed.incrementAndGet();
    }

    /** Records given up on, and why (never a header value). */
    void dropped(long records, String reason) {
        dropped.addAndGet(records);
        unreported.addAndGet(records);
        long now = System.nanoTime();
        long last = lastReport.get();
        if (now - last >= REPORT_EVERY_NANOS && lastReport.compareAndSet(last, now)) {
            long count = unreported.getAndSet(0);
            LOG.log(Level.WARNING, "otlp audit sink dropped {0,number,#} record(s) ({1,number,#} in all; further"
                    + " drops are reported at most once a minute): {2}", new Object[] {count, dropped.get(), reason});
        }
    }

    long written() {
        return written.get();
    }

    long failed() {
        return failed.get();
    }

    long dropped() {
        return dropped.get();
    }
}
