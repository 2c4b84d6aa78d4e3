package dev.sluice.plugins.audit.jsonl;

import dev.sluice.spi.audit.AuditLog;
import dev.sluice.spi.audit.AuditRecord;
import dev.sluice.spi.audit.AuditStats;
import java.io.IOException;
import java.nio.channels.FileLock;
import java.time.Clock;
import java.util.logging.Logger;

/**
 * An open {@code jsonl} sink. {@link #write} only puts the record into a bounded queue (no I/O, no
 * JSON on the caller's thread) and waits while the queue is full; one writer thread
 * ({@link BatchWriter}) does the rest. Safe for any number of threads.
 */
final class JsonlLog implements AuditLog {
    private static final Logger LOG = Logger.getLogger(JsonlLog.class.getName());

    private final RecordQueue queue;
    private final BatchWriter writer;
    private final FileLock lock;
    private final Thread thread;

    private JsonlLog(RecordQueue queue, BatchWriter writer, FileLock lock) {
        this.queue = queue;
        this.writer = writer;
        this.lock = lock;
        this.thread = Thread.ofPlatform().name("sluice-audit-jsonl").daemon(true).unstarted(writer);
    }

    /**
     * Opens the folder: takes its lock, repairs the end of the newest file after a crash,
     * continues its chain, applies the retention and starts the writer thread.
     */
    static JsonlLog open(JsonlSettings settings, Clock clock) throws IOException {
        AuditFolder folder = new AuditFolder(settings.folder());
        FileLock lock = folder.lock();
        AuditFolder.Resumed resumed;
        try {
            resumed = folder.resume();
        } catch (IOException | RuntimeException e) {
            release(lock);
            throw e;
        }
        settings.retention().ifPresent(retention -> folder.deleteExpired(clock.instant(), retention));
        RecordQueue queue = new RecordQueue(settings.queueCapacity());
        JsonlLog log = new JsonlLog(queue, new BatchWriter(settings, clock, folder, queue, resumed), lock);
        log.thread.start();
        LOG.info(() -> "audit folder " + folder.path() + " open: the next record is " + (resumed.head().seq() + 1)
                + resumed.segment().map(s -> ", appended to " + s.path().getFileName()).orElse(""));
        return log;
    }

    @Override
    public void write(AuditRecord record) throws InterruptedException {
        queue.put(record);
    }

    @Override
    public void flush() {
        writer.awaitDurable(queue.accepted());
    }

    @Override
    public AuditStats stats() {
        return new AuditStats(queue.pending(), queue.capacity(), writer.written(), writer.failed(), writer.dropped(),
                queue.waits());
    }

    /** Refuses new records, writes and forces everything accepted, and waits for the writer to end. */
    @Override
    public void close() {
        queue.close();
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        release(lock);
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void release(FileLock lock) {
        try {
            lock.acquiredBy().close(); // closing the channel releases the lock
        } catch (IOException e) {
            LOG.warning(() -> "cannot release the audit folder's lock (" + e + ")");
        }
    }
}
