package dev.sluice.spi.audit;

/**
 * An open audit sink. The gateway calls {@link #write} once per request, after the answer has
 * gone to the client, on that request's (virtual) thread; calls come from many threads at once.
 *
 * <p>Contract: {@link #write} never drops a record silently. A sink that buffers holds records
 * in a bounded queue and, when the queue is full, makes the caller wait (back-pressure) rather
 * than lose one; a sink that cannot keep that promise (telemetry export to a collector that is
 * down) counts every record it drops in {@link AuditStats#dropped()}. {@link #close} writes
 * everything still queued and makes it durable.
 */
public interface AuditLog extends AutoCloseable {

    /** Accepts one record; may wait while the sink's queue is full. */
    void write(AuditRecord record) throws InterruptedException;

    /** Writes everything accepted so far and makes it durable (e.g. fsync). */
    void flush();

    /** What the log has done so far, for metrics and alerts. */
    AuditStats stats();

    /** Flushes and releases everything; later writes fail. */
    @Override
    void close();
}
