package dev.sluice.plugins.audit.jsonl;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The audit file being appended to, used by the writer thread only. It knows how many of its
 * bytes are whole records ({@link #size()}); a write that failed half-way is cut off again
 * before the next attempt, so a retried batch is never written twice.
 */
final class Segment implements AutoCloseable {
    private final Path path;
    private final SegmentName name;
    private FileChannel channel;
    private long size;

    private Segment(Path path, SegmentName name, FileChannel channel, long size) {
        this.path = path;
        this.name = name;
        this.channel = channel;
        this.size = size;
    }

    /** Creates a new, empty file; fails if one by that name exists. */
    static Segment create(Path folder, SegmentName name) throws IOException {
        Path path = folder.resolve(name.fileName());
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        return new Segment(path, name, channel, 0);
    }

    /** Continues an existing file whose first {@code size} bytes are whole records. */
    static Segment resume(Path path, SegmentName name, long size) throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE);
        try {
            if (channel.size() != size) {
                channel.truncate(size);
            }
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        return new Segment(path, name, channel, size);
    }

    Path path() {
        return path;
    }

    SegmentName name() {
        return name;
    }

    /** The bytes of whole records in the file. */
    long size() {
        return size;
    }

    /**
     * Appends the bytes (whole records) with one write call where the system allows. On failure
     * nothing counts as written: the next call first cuts off whatever part got through.
     */
    void append(ByteBuffer bytes) throws IOException {
        if (channel == null || !channel.isOpen()) {
            // A failed write may have closed the channel (or never reopened it): start afresh.
            channel = FileChannel.open(path, StandardOpenOption.WRITE);
        }
        try {
            if (channel.size() != size) {
                channel.truncate(size);
            }
            long at = size;
            while (bytes.hasRemaining()) {
                at += channel.write(bytes, at);
            }
            size = at;
        } catch (IOException | RuntimeException e) {
            closeQuietly();
            throw e;
        }
    }

    /** Forces the written bytes (and the file's length) to the disk. */
    void force() throws IOException {
        if (channel == null || !channel.isOpen()) {
            channel = FileChannel.open(path, StandardOpenOption.WRITE);
        }
        channel.force(false);
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }

    private void closeQuietly() {
        try {
            close();
        } catch (IOException ignored) {
            // The write already failed and is reported; a second error on closing adds nothing.
            channel = null;
        }
    }
}
