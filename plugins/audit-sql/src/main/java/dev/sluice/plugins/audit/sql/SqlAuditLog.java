package dev.sluice.plugins.audit.sql;

import dev.sluice.spi.audit.AuditLog;
import dev.sluice.spi.audit.AuditRecord;
import dev.sluice.spi.audit.AuditStats;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * The open {@code sql} sink: a bounded queue in front of one {@link ChainWriter} thread.
 * {@link #write} returns once the record is queued and waits while the queue is full; it never
 * drops. {@link #flush} returns once everything queued before it is committed and durable.
 * {@link #close} does the same for everything: it waits as long as the writer makes progress,
 * and gives up on the records still queued only when the database has not answered for
 * {@code close_timeout}; those are counted in {@link AuditStats#dropped()} and logged as an error.
 */
final class SqlAuditLog implements AuditLog {
    private static final Logger LOG = Logger.getLogger(SqlAuditLog.class.getName());
    private static final Duration AFTER_ABANDON = Duration.ofSeconds(10);
    private static final Duration CHECK_EVERY = Duration.ofMillis(50);

    private final Intake intake;
    private final Progress progress;
    private final ChainWriter writer;
    private final String chain;
    private final String database;
    private final Duration closeTimeout;
    private final AtomicBoolean closed = new AtomicBoolean();

    SqlAuditLog(Intake intake, Progress progress, ChainWriter writer, String chain, String database,
            Duration closeTimeout) {
        this.intake = intake;
        this.progress = progress;
        this.writer = writer;
        this.chain = chain;
        this.database = database;
        this.closeTimeout = closeTimeout;
    }

    /** Starts the writer thread. */
    SqlAuditLog start() {
        Thread.ofPlatform().daemon().name("sluice-audit-sql-" + chain).start(writer);
        return this;
    }

    @Override
    public void write(AuditRecord record) throws InterruptedException {
        intake.put(record);
    }

    @Override
    public void flush() {
        try {
            progress.awaitDurable(intake.accepted());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public AuditStats stats() {
        Progress.Counts counts = progress.counts();
        long queued = Math.max(0, intake.accepted() - counts.written() - counts.dropped());
        return new AuditStats(queued, intake.capacity(), counts.written(), counts.failed(), counts.dropped(),
                intake.waits());
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        intake.close();
        try {
            // However long the queue, wait while the database answers; give up only on one that
            // has not answered for close_timeout.
            boolean stopped = progress.awaitStopped(CHECK_EVERY);
            while (!stopped && writer.failingFor().compareTo(closeTimeout) < 0) {
                stopped = progress.awaitStopped(CHECK_EVERY);
            }
            if (!stopped) {
                long left = stats().queued();
                writer.abandon();
                LOG.severe("audit sink sql: " + database + " has not answered for close_timeout ("
                        + closeTimeout.toMillis() + " ms); the last " + left + " audit records are lost");
                progress.awaitStopped(AFTER_ABANDON);
            }
        } catch (InterruptedException e) {
            writer.abandon();
            Thread.currentThread().interrupt();
        }
        ChainHead last = writer.lastWritten();
        LOG.info("audit sink sql: chain '" + chain + "' in " + database + " ends at record " + last.seq()
                + " with hash " + last.hash());
    }
}
