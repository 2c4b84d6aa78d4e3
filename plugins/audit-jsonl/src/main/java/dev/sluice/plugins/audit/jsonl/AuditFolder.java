package dev.sluice.plugins.audit.jsonl;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * The folder of one sink's audit files: which files it has in write order, where the chain stands
 * when the sink opens, new files, and deleting files past the retention.
 */
final class AuditFolder {
    private static final Logger LOG = Logger.getLogger(AuditFolder.class.getName());

    /** The file a writing sink holds a lock on; it never holds records. */
    static final String LOCK_FILE = ".lock";

    private final Path folder;

    AuditFolder(Path folder) {
        this.folder = folder;
    }

    Path path() {
        return folder;
    }

    /**
     * Takes the folder for one writer: a second sink on the same folder, in this process or
     * another, would interleave two chains. The lock is the operating system's, so a killed
     * process leaves none behind.
     *
     * @throws IOException when another writer holds the folder
     */
    FileLock lock() throws IOException {
        Files.createDirectories(folder);
        FileChannel channel = FileChannel.open(folder.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            channel.close();
            throw new IOException("another audit sink of this gateway is writing to " + folder, e);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            channel.close();
            throw new IOException("another process is writing audit records to " + folder);
        }
        return lock;
    }

    /**
     * Where a reopened sink continues.
     *
     * @param head the last record written
     * @param segment the newest file, repaired and open for appending; empty when there is none
     */
    record Resumed(ChainHead head, Optional<Segment> segment) {
    }

    /**
     * Creates the folder if needed, repairs the newest file (see {@link TailRepair}) and opens it
     * for appending. A newest file left empty (created just before a crash) is deleted, and the
     * one before it is looked at instead.
     */
    Resumed resume() throws IOException {
        Files.createDirectories(folder);
        List<Path> files = new ArrayList<>(segments());
        while (!files.isEmpty()) {
            Path newest = files.removeLast();
            TailRepair.Result tail = TailRepair.repair(newest);
            if (tail.last().isPresent()) {
                SegmentName name = SegmentName.parse(newest.getFileName().toString()).orElseThrow();
                return new Resumed(tail.last().get(), Optional.of(Segment.resume(newest, name, tail.size())));
            }
            LOG.info(() -> "audit file " + newest + " holds no record; deleting it");
            Files.delete(newest);
        }
        return new Resumed(ChainHead.START, Optional.empty());
    }

    /** This sink's files in the folder, oldest first. */
    List<Path> segments() throws IOException {
        try (Stream<Path> listing = Files.list(folder)) {
            return listing.filter(p -> SegmentName.parse(p.getFileName().toString()).isPresent())
                    .filter(Files::isRegularFile)
                    .sorted((a, b) -> SegmentName.WRITE_ORDER.compare(a.getFileName().toString(),
                            b.getFileName().toString()))
                    .toList();
        }
    }

    /** Creates the file after {@code previous} (or the first one), started at {@code now}. */
    Segment create(Optional<SegmentName> previous, Instant now) throws IOException {
        Files.createDirectories(folder);
        SegmentName name = previous.map(p -> p.next(now)).orElseGet(() -> new SegmentName(now, 1));
        Segment segment = Segment.create(folder, name);
        syncFolder();
        return segment;
    }

    /**
     * Deletes files whose newest record is older than the retention: a file's records are all
     * older than the time the next file was started, so file N goes once file N+1 was started
     * longer than {@code retention} ago. The newest file always stays.
     */
    void deleteExpired(Instant now, Duration retention) {
        List<Path> files;
        try {
            files = segments();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "audit folder " + folder + ": cannot list it to apply the retention ("
                    + e.getMessage() + ")");
            return;
        }
        for (int i = 0; i + 1 < files.size(); i++) {
            Instant closed = SegmentName.parse(files.get(i + 1).getFileName().toString()).orElseThrow().started();
            if (closed.plus(retention).isAfter(now)) {
                return;
            }
            Path expired = files.get(i);
            try {
                Files.delete(expired);
                LOG.info(() -> "audit file " + expired + " is past the retention of " + retention + "; deleted");
            } catch (IOException e) {
                LOG.warning(() -> "audit file " + expired + " is past the retention but cannot be deleted ("
                        + e.getMessage() + ")");
            }
        }
    }

    /**
     * Makes a new file's name durable: without it, a power loss could lose the whole file even
     * after its data was forced. Not every system can force a folder (Windows cannot), so a
     * failure here is not an error.
     */
    private void syncFolder() {
        try (FileChannel dir = FileChannel.open(folder, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            LOG.log(Level.FINE, "cannot force the audit folder " + folder, e);
        }
    }
}
