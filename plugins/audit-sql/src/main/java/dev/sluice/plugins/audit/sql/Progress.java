package dev.sluice.plugins.audit.sql;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What the writer has done, shared with the threads that read stats or wait in {@code flush()}
 * and {@code close()}. Only the writer thread advances it.
 */
final class Progress {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private long written;
    private long durable;
    private long failed;
    private long dropped;
    private long wanted;
    private boolean stopped;

    /** The writer committed {@code count} more records. */
    void wrote(int count) {
        lock.lock();
        try {
            written += count;
        } finally {
            lock.unlock();
        }
    }

    /** The writer made every record committed so far durable. */
    void synced() {
        lock.lock();
        try {
            durable = written;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** A write (or sync) attempt failed; it will be tried again. */
    void failed() {
        lock.lock();
        try {
            failed++;
        } finally {
            lock.unlock();
        }
    }

    /** Records given up on. */
    void dropped(long count) {
        lock.lock();
        try {
            dropped += count;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Whether a caller waits for records that are written but not yet durable, or not yet written. */
    boolean syncWanted() {
        lock.lock();
        try {
            return wanted > durable + dropped && written > durable;
        } finally {
            lock.unlock();
        }
    }

    /** The writer has stopped; nobody waits for it any longer. */
    void stop() {
        lock.lock();
        try {
            stopped = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until the first {@code accepted} records are durable (or given up on), or the writer
     * stopped.
     */
    void awaitDurable(long accepted) throws InterruptedException {
        lock.lock();
        try {
            wanted = Math.max(wanted, accepted);
            while (durable + dropped < accepted && !stopped) {
                changed.await();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Waits until the writer stopped; whether it did within the timeout. */
    boolean awaitStopped(Duration timeout) throws InterruptedException {
        lock.lock();
        try {
            long nanos = timeout.toNanos();
            while (!stopped && nanos > 0) {
                nanos = changed.awaitNanos(nanos);
            }
            return stopped;
        } finally {
            lock.unlock();
        }
    }

    /** The counters, read together. */
    Counts counts() {
        lock.lock();
        try {
            return new Counts(written, failed, dropped);
        } finally {
            lock.unlock();
        }
    }

    /**
     * @param written records committed
     * @param failed failed attempts
     * @param dropped records given up on
     */
    record Counts(long written, long failed, long dropped) {
    }
}
