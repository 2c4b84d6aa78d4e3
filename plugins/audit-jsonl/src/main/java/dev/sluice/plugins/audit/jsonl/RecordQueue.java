package dev.sluice.plugins.audit.jsonl;

import dev.sluice.spi.audit.AuditRecord;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The bounded hand-over from request threads to the writer thread. A record takes its place from
 * {@link #put} until the writer {@link #release releases} it after writing it, so the records
 * accepted but not yet written (the most a killed process can lose) never exceed the capacity.
 * When the queue is full, {@link #put} waits: records are never dropped for want of room.
 */
final class RecordQueue {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition notFull = lock.newCondition();
    private final ArrayDeque<AuditRecord> records = new ArrayDeque<>();
    private final int capacity;
    private int pending;
    private long accepted;
    private long waits;
    private boolean closed;
    private boolean wake;
    private String stopped;

    RecordQueue(int capacity) {
        this.capacity = capacity;
    }

    int capacity() {
        return capacity;
    }

    /**
     * Accepts a record, waiting while the queue is full.
     *
     * @throws IllegalStateException when the log is closed (or its writer stopped)
     * @throws InterruptedException when the caller is interrupted while waiting; the record is not accepted
     */
    void put(AuditRecord record) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            ensureOpen();
            if (pending >= capacity) {
                waits++;
                do {
                    notFull.await();
                    ensureOpen();
                } while (pending >= capacity);
            }
            records.addLast(record);
            pending++;
            accepted++;
            notEmpty.signal();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The next records, at most {@code max}: waits up to {@code nanos} for the first one, then takes
     * what is there without waiting. Empty when the time is up, the log closes or {@link #wake} is
     * called with nothing queued. Interrupts are ignored: the writer stops only through close.
     */
    List<AuditRecord> take(int max, long nanos) {
        lock.lock();
        try {
            long left = nanos;
            while (records.isEmpty() && !closed && !wake && left > 0) {
                try {
                    left = notEmpty.awaitNanos(left);
                } catch (InterruptedException e) {
                    left = 0;
                }
            }
            wake = false;
            int n = Math.min(max, records.size());
            List<AuditRecord> batch = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                batch.add(records.pollFirst());
            }
            return batch;
        } finally {
            lock.unlock();
        }
    }

    /** Frees the places of {@code n} records the writer is done with. */
    void release(int n) {
        lock.lock();
        try {
            pending -= n;
            notFull.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Makes a waiting {@link #take} return now. */
    void wake() {
        lock.lock();
        try {
            wake = true;
            notEmpty.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Refuses further records; those accepted are still taken. */
    void close() {
        lock.lock();
        try {
            closed = true;
            notEmpty.signalAll();
            notFull.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Refuses further records because the writer stopped, and hands back what it will never take.
     */
    List<AuditRecord> stop(String reason) {
        lock.lock();
        try {
            closed = true;
            stopped = reason;
            List<AuditRecord> left = new ArrayList<>(records);
            records.clear();
            pending = 0;
            notEmpty.signalAll();
            notFull.signalAll();
            return left;
        } finally {
            lock.unlock();
        }
    }

    boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    /** Whether the log is closed and every accepted record was taken. */
    boolean drained() {
        lock.lock();
        try {
            return closed && records.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    /** Records accepted and not yet released by the writer. */
    int pending() {
        lock.lock();
        try {
            return pending;
        } finally {
            lock.unlock();
        }
    }

    /** Records accepted since the log opened. */
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

    /** Waits up to {@code millis}, or until the log closes: the writer's backoff, which close cuts short. */
    void pause(long millis) {
        lock.lock();
        try {
            long left = TimeUnit.MILLISECONDS.toNanos(millis);
            boolean wasClosed = closed;
            while (left > 0 && closed == wasClosed) {
                try {
                    left = notFull.awaitNanos(left);
                } catch (InterruptedException e) {
                    // Ignored like in take: only close ends the writer's work.
                    left = Math.min(left, TimeUnit.MILLISECONDS.toNanos(1));
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private void ensureOpen() {
        if (stopped != null) {
            throw new IllegalStateException("the audit log's writer stopped: " + stopped);
        }
        if (closed) {
            throw new IllegalStateException("the audit log is closed");
        }
    }
}
