package dev.sluice.spi.audit;

/**
 * Counters of an open {@link AuditLog}, read by the gateway's metrics.
 *
 * @param queued records accepted but not yet written
 * @param capacity how many records the queue holds before writers wait
 * @param written records written (and, where the sink fsyncs, made durable or about to be)
 * @param failed write attempts that failed (the records stay queued and are tried again)
 * @param dropped records given up on; only sinks that document it may drop
 * @param waits how many times a writer had to wait for room in the queue (back-pressure)
 */
public record AuditStats(long queued, long capacity, long written, long failed, long dropped, long waits) {
}
