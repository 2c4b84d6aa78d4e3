package dev.sluice.plugins.audit.otlp;

import dev.sluice.spi.audit.AuditRecord;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The bounded queue between the gateway's writers and the single exporter thread. A writer
 * never waits: when the queue is full {@link #offer} says no at once. The exporter takes a batch
 * when it holds {@code batchSpans} spans, when its oldest record has waited the export interval,
 * when a flush asks for what was queued before it, or when the queue closes.
 *
 * <p>Thread-safe: one lock guards everything; writers signal the exporter only when the queue
 * wakes up (empty to one record) or a batch fills, so a busy gateway does not wake it per record.
 */
final class RecordQueue {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private final Condition settledChange = lock.newCondition();
    private final Condition closing = lock.newCondition();
    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private final int capacity;
    private final int batchSpans;
    private final long intervalNanos;
    private int queuedSpans;
    private long accepted;
    private long taken;
    private long settled;
    private long flushTarget;
    private boolean closed;

    RecordQueue(int capacity, int batchSpans, long intervalNanos) {
        this.capacity = capacity;
        this.batchSpans = batchSpans;
        this.intervalNanos = intervalNanos;
    }

    /**
     * Queues a record unless the queue is full.
     *
     * @return false when the queue is full (the caller counts the record as dropped)
     * @throws IllegalStateException once the queue is closed
     */
    boolean offer(AuditRecord record) {
        Entry entry = new Entry(record, 1 + record.attempts().size(), System.nanoTime());
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("the otlp audit log is closed");
            }
            if (entries.size() >= capacity) {
                return false;
            }
            entries.addLast(entry);
            accepted++;
            queuedSpans += entry.spans();
            if (entries.size() == 1 || queuedSpans >= batchSpans) {
                work.signal();
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits for the next batch: at most {@code batchSpans} spans, unless one record alone has
     * more. Empty once the queue is closed and drained.
     */
    List<AuditRecord> nextBatch() throws InterruptedException {
        lock.lock();
        try {
            while (true) {
                Entry first = entries.peekFirst();
                if (first == null) {
                    if (closed) {
                        return List.of();
                    }
                    work.await();
                    continue;
                }
                long wait = first.queuedAt() + intervalNanos - System.nanoTime();
                if (wait <= 0 || queuedSpans >= batchSpans || closed || taken < flushTarget) {
                    return take();
                }
                work.awaitNanos(wait);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Marks {@code count} taken records as done with: exported or dropped. */
    void settle(int count) {
        lock.lock();
        try {
            settled += count;
            settledChange.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Asks the exporter to send everything queued now without waiting for the interval, and
     * waits until it is settled or the time is up.
     *
     * @return whether everything accepted before the call was settled in time
     */
    boolean flush(long timeoutNanos) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        lock.lock();
        try {
            long target = accepted;
            flushTarget = Math.max(flushTarget, target);
            work.signal();
            while (settled < target) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                settledChange.awaitNanos(left);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Refuses further records and lets the exporter drain what is queued without waiting. */
    void close() {
        lock.lock();
        try {
            closed = true;
            work.signalAll();
            closing.signalAll();
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

    /**
     * Waits between two tries of an export; returns early when the queue closes during the
     * wait, so that shutdown is not held up by a backoff.
     */
    void pause(long nanos) throws InterruptedException {
        long deadline = System.nanoTime() + nanos;
        lock.lock();
        try {
            boolean wasClosed = closed;
            while (closed == wasClosed) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                closing.awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Empties the queue, for a shutdown that ran out of time; the caller counts them dropped. */
    int clear() {
        lock.lock();
        try {
            int n = entries.size();
            entries.clear();
            queuedSpans = 0;
            taken += n;
            settled += n;
            settledChange.signalAll();
            return n;
        } finally {
            lock.unlock();
        }
    }

    /** Records waiting for export. */
    int size() {
        lock.lock();
        try {
            return entries.size();
        } finally {
            lock.unlock();
        }
    }

    private List<AuditRecord> take() {
        List<AuditRecord> batch = new ArrayList<>();
        int spans = 0;
        while (!entries.isEmpty()) {
            Entry next = entries.peekFirst();
            if (!batch.isEmpty() && spans + next.spans() > batchSpans) {
                break;
            }
            entries.removeFirst();
            batch.add(next.record());
            spans += next.spans();
        }
        queuedSpans -= spans;
        taken += batch.size();
        return batch;
    }

    /** A queued record, how many spans it makes, and when it came. */
    private record Entry(AuditRecord record, int spans, long queuedAt) {
    }
}
