package dev.sluice.plugins.audit.jsonl;

import dev.sluice.spi.audit.AuditChain;
import dev.sluice.spi.audit.AuditRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one thread that writes an audit folder. It takes records from the {@link RecordQueue} in
 * batches (waiting for the first, then whatever else is already there, up to {@code batch_size}),
 * binds each into the hash chain, writes the batch to the current file with one write call, and
 * forces the file to the disk as the {@link FsyncPolicy} says. Files rotate by size and age.
 *
 * <p>A write that fails (full disk, lost permission) keeps its records and is tried again after a
 * growing pause; the callers of {@code write} wait once the queue is full. Only while closing, after
 * {@link #CLOSE_GRACE} of failures, does it give up, counting and logging what it could not write.
 */
final class BatchWriter implements Runnable {
    private static final Logger LOG = Logger.getLogger(BatchWriter.class.getName());
    /** How long close keeps retrying a failing disk before it gives up on the records left. */
    static final Duration CLOSE_GRACE = Duration.ofSeconds(30);
    private static final long IDLE_NANOS = TimeUnit.MINUTES.toNanos(1);

    /** A record bound into the chain, as the bytes of its line. */
    private record Line(String requestId, ChainHead head, byte[] bytes) {
    }

    private final JsonlSettings settings;
    private final Clock clock;
    private final AuditFolder folder;
    private final RecordQueue queue;
    private final FailureStreak failures;
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    // Owned by the writer thread.
    private Segment segment;
    private Optional<SegmentName> lastName;
    private ChainHead head;
    private ByteBuffer buffer = ByteBuffer.allocateDirect(256 * 1024);
    private boolean dirty;
    private long lastForceNanos = System.nanoTime();
    private long closingSince = -1;

    private final Durability durability = new Durability();

    BatchWriter(JsonlSettings settings, Clock clock, AuditFolder folder, RecordQueue queue,
            AuditFolder.Resumed resumed) {
        this.settings = settings;
        this.clock = clock;
        this.folder = folder;
        this.queue = queue;
        this.failures = new FailureStreak(folder.path().toString());
        this.segment = resumed.segment().orElse(null);
        this.lastName = resumed.segment().map(Segment::name);
        this.head = resumed.head();
    }

    long written() {
        return written.get();
    }

    long dropped() {
        return dropped.get();
    }

    long failed() {
        return failures.count();
    }

    @Override
    public void run() {
        try {
            while (true) {
                List<AuditRecord> batch = queue.take(settings.batchSize(), waitNanos());
                if (!batch.isEmpty()) {
                    write(batch);
                    queue.release(batch.size());
                }
                forceIfDue();
                if (batch.isEmpty() && queue.drained()) {
                    break;
                }
            }
            finish();
        } catch (RuntimeException | Error e) {
            List<AuditRecord> lost = queue.stop(e.toString());
            dropped.addAndGet(lost.size());
            LOG.log(Level.SEVERE, "audit folder " + folder.path() + ": the writer stopped; " + lost.size()
                    + " queued records are not written and later writes fail", e);
        } finally {
            durability.stopped();
        }
    }

    /** Waits until every record accepted before the call ({@code accepted} of them) is on the disk. */
    void awaitDurable(long accepted) {
        durability.want(accepted);
        queue.wake();
        durability.await(accepted);
    }

    private long waitNanos() {
        if (durability.wanted()) {
            return 0;
        }
        if (dirty && settings.fsync() == FsyncPolicy.INTERVAL) {
            return Math.max(0, lastForceNanos + settings.fsyncInterval().toNanos() - System.nanoTime());
        }
        return IDLE_NANOS;
    }

    private void write(List<AuditRecord> batch) {
        List<Line> lines = bind(batch);
        Instant now = clock.instant();
        int from = 0;
        while (from < lines.size()) {
            try {
                from = append(lines, from, now);
                failures.succeeded();
            } catch (IOException | UncheckedIOException e) {
                long pause = failures.failed("write to it", e);
                if (gaveUpClosing()) {
                    drop(lines.subList(from, lines.size()));
                    break;
                }
                queue.pause(pause);
                now = clock.instant();
            }
        }
        durability.processed(batch.size());
    }

    /** Binds the records into the chain after the head; a record that cannot be written as JSON is dropped. */
    private List<Line> bind(List<AuditRecord> batch) {
        List<Line> lines = new ArrayList<>(batch.size());
        ChainHead at = head;
        for (AuditRecord record : batch) {
            try {
                AuditChain.Link link = AuditChain.link(record, at.seq() + 1, at.hash());
                at = ChainHead.of(link);
                lines.add(new Line(record.requestId(), at, link.line()));
            } catch (RuntimeException e) {
                dropped.incrementAndGet();
                LOG.log(Level.SEVERE, "audit record " + record.requestId() + " cannot be written as JSON; dropped", e);
            }
        }
        return lines;
    }

    /** Writes as many lines from {@code from} on as fit into the current file; returns how far it got. */
    private int append(List<Line> lines, int from, Instant now) throws IOException {
        if (segment != null && segment.size() > 0
                && !now.isBefore(segment.name().started().plus(settings.rotateEvery()))) {
            rotate(now);
        }
        if (segment == null) {
            start(now);
        }
        long room = settings.maxFileSize() - segment.size();
        int to = from;
        long bytes = 0;
        while (to < lines.size()) {
            long length = lines.get(to).bytes().length;
            // A record larger than a whole file still goes in, alone in a new file.
            if (bytes + length > room && !(to == from && segment.size() == 0)) {
                break;
            }
            bytes += length;
            to++;
        }
        if (to == from) {
            rotate(now);
            return from;
        }
        segment.append(fill(lines.subList(from, to), bytes));
        head = lines.get(to - 1).head();
        written.addAndGet(to - from);
        dirty = true;
        return to;
    }

    private ByteBuffer fill(List<Line> lines, long bytes) {
        if (buffer.capacity() < bytes) {
            buffer = ByteBuffer.allocateDirect(Math.toIntExact(Math.max(bytes, 2L * buffer.capacity())));
        }
        buffer.clear();
        for (Line line : lines) {
            buffer.put(line.bytes());
        }
        return buffer.flip();
    }

    /** Closes the current file, forced, and starts the next one. */
    private void rotate(Instant now) throws IOException {
        segment.force();
        segment.close();
        segment = null;
        dirty = false;
        lastForceNanos = System.nanoTime();
        start(now);
        settings.retention().ifPresent(retention -> folder.deleteExpired(now, retention));
    }

    private void start(Instant now) throws IOException {
        segment = folder.create(lastName, now);
        lastName = Optional.of(segment.name());
    }

    private void forceIfDue() {
        boolean due = dirty && (durability.wanted() || settings.fsync() == FsyncPolicy.BATCH
                || settings.fsync() == FsyncPolicy.INTERVAL
                        && System.nanoTime() - lastForceNanos >= settings.fsyncInterval().toNanos());
        if (due) {
            try {
                segment.force();
                dirty = false;
                lastForceNanos = System.nanoTime();
                failures.succeeded();
            } catch (IOException e) {
                queue.pause(failures.failed("force it to the disk", e));
                return;
            }
        }
        if (!dirty) {
            durability.allDurable();
        }
    }

    /** After close: forces and closes the last file and logs where the chain ends. */
    private void finish() {
        while (segment != null) {
            try {
                segment.force();
                segment.close();
                segment = null;
                failures.succeeded();
            } catch (IOException e) {
                long pause = failures.failed("force it to the disk while closing", e);
                if (gaveUpClosing()) {
                    LOG.severe(() -> "audit folder " + folder.path() + ": gave up forcing " + segment.path()
                            + " to the disk; a power loss now may lose its last records");
                    closeQuietly(segment);
                    break;
                }
                queue.pause(pause);
            }
        }
        dirty = false;
        durability.allDurable();
        ChainHead last = head;
        LOG.info(() -> "audit folder " + folder.path() + " closed: last record " + last.seq() + ", hash "
                + last.hash() + " (compare with the files to detect records removed from the end)");
    }

    private static void closeQuietly(Segment segment) {
        try {
            segment.close();
        } catch (IOException e) {
            LOG.log(Level.FINE, "closing " + segment.path() + " failed too", e);
        }
    }

    /** Whether the log is closing and the disk has failed for longer than {@link #CLOSE_GRACE} since. */
    private boolean gaveUpClosing() {
        if (!queue.isClosed()) {
            return false;
        }
        if (closingSince < 0) {
            closingSince = System.nanoTime();
        }
        return System.nanoTime() - closingSince > CLOSE_GRACE.toNanos();
    }

    private void drop(List<Line> lines) {
        dropped.addAndGet(lines.size());
        LOG.severe(() -> "audit folder " + folder.path() + ": gave up writing " + lines.size() + " records (request "
                + lines.getFirst().requestId() + " to " + lines.getLast().requestId() + ") after failing for "
                + CLOSE_GRACE.toSeconds() + " s while closing");
    }
}
