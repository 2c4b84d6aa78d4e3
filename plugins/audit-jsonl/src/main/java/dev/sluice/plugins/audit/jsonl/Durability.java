package dev.sluice.plugins.audit.jsonl;

/**
 * What {@code flush()} waits for: counts of records the writer has dealt with (written, or given
 * up on) and of those known to be on the disk. A caller asks for the first {@code n} accepted
 * records to be durable; the writer forces the file when asked and reports back. Thread-safe.
 */
final class Durability {
    private long processed;
    private long durable;
    private long wanted;
    private boolean stopped;

    /** The writer is done with {@code n} more records. */
    synchronized void processed(int n) {
        processed += n;
    }

    /** Everything processed so far is on the disk (the file was forced, or nothing was pending). */
    synchronized void allDurable() {
        durable = processed;
        notifyAll();
    }

    /** Whether a caller waits for records that are not yet known to be on the disk. */
    synchronized boolean wanted() {
        return wanted > durable;
    }

    /** Asks for the first {@code accepted} records to be made durable; the writer must be woken after. */
    synchronized void want(long accepted) {
        wanted = Math.max(wanted, accepted);
    }

    /**
     * Waits until the first {@code accepted} records are durable or the writer has stopped; returns
     * early, with the interrupt flag set, when the caller is interrupted.
     */
    synchronized void await(long accepted) {
        while (durable < accepted && !stopped) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The writer ended: nobody waits any longer. */
    synchronized void stopped() {
        stopped = true;
        notifyAll();
    }
}
