package dev.sluice.plugins.audit.sql;

import dev.sluice.spi.audit.AuditRecord;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The bounded queue between the request threads and the one writer. A full queue makes callers
 * wait (back-pressure, counted in {@link #waits()}); nothing is ever dropped here. Records are
 * counted as accepted under the same lock that queues them, so {@link #accepted()} is exactly the
 * number of records queued so far, in order, which is what {@code flush()} waits for.
 */
final class Intake {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notFull = lock.newCondition();
    private final Condition notEmpty = lock.newCondition();
    private final ArrayDeque<AuditRecord> queue;
    private final int capacity;
    private long accepted;
    private long waits;
    private int waiting;
    private boolean closed;

    Intake(int capacity) {
        this.capacity = capacity;
        this.queue = new ArrayDeque<>(Math.min(capacity, 4096));
    }

    /** Queues a record, waiting while the queue is full. */
    void put(AuditRecord record) throws InterruptedException {
        Objects.requireNonNull(record, "record");
        lock.lockInterruptibly();
        try {
            if (closed) {
                throw new IllegalStateException("the sql audit log is closed");
            }
            if (queue.size() >= capacity) {
                waits++;
                waiting++;
                try {
                    while (queue.size() >= capacity) {
                        notFull.await();
                    }
                } finally {
                    waiting--;
                }
            }
            queue.add(record);
            accepted++;
            notEmpty.signal();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Moves up to {@code max} records into {@code batch}, waiting up to {@code waitMs} for the
     * first one.
     */
    void take(List<AuditRecord> batch, int max, long waitMs) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            long nanos = TimeUnit.MILLISECONDS.toNanos(waitMs);
            while (queue.isEmpty() && nanos > 0 && !closed) {
                nanos = notEmpty.awaitNanos(nanos);
            }
            for (int i = 0; i < max && !queue.isEmpty(); i++) {
                batch.add(queue.poll());
            }
            if (!batch.isEmpty()) {
                notFull.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Refuses new records; callers already waiting for room still get in. */
    void close() {
        lock.lock();
        try {
            closed = true;
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Closed, empty, and nobody waiting to get in: the writer may stop. */
    boolean drained() {
        lock.lock();
        try {
            return closed && queue.isEmpty() && waiting == 0;
        } finally {
            lock.unlock();
        }
    }

    /** Records queued so far. */
    long accepted() {
        lock.lock();
        try {
            return accepted;
        } finally {
            lock.unlock();
        }
    }

    /** How many times a caller had to wait for room. */
    long waits() {
        lock.lock();
        try {
            return waits;
        } finally {
            lock.unlock();
        }
    }

    int capacity() {
        return capacity;
    }
}
