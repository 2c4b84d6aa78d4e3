package dev.sluice.plugins.audit.jsonl;

import dev.sluice.spi.audit.AuditChain;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Makes the end of the newest audit file whole again after a crash. A process killed in the middle
 * of a write, or a machine that lost power before the disk had every page, can leave a last line
 * without its line feed, or lines of garbage (zeros); those bytes are cut off, with a warning
 * saying how many. A last line that reads as a record but no longer matches its hash was changed
 * after it was written, which a crash does not do: it stays, for {@code verify} to report, and the
 * chain continues from the hash its bytes really have (as the verifier links them).
 */
final class TailRepair {
    private static final Logger LOG = Logger.getLogger(TailRepair.class.getName());
    private static final int CHUNK = 64 * 1024;

    /**
     * What is left of a file.
     *
     * @param size its length in bytes after the repair
     * @param last the last record in it, if there is one
     */
    record Result(long size, Optional<ChainHead> last) {
    }

    private TailRepair() {
    }

    /** Cuts the file back to its last whole record and tells where the chain stands in it. */
    static Result repair(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long end = channel.size();
            long good = lastNewline(channel, end) + 1;
            ChainHead last = null;
            while (good > 0 && last == null) {
                long start = lastNewline(channel, good - 1) + 1;
                String line = read(channel, start, good - start);
                try {
                    last = head(file, AuditChain.parseLine(line));
                } catch (IllegalArgumentException e) {
                    good = start; // not a record at all: crash damage, cut it off too
                }
            }
            if (good < end) {
                long cut = end - good;
                channel.truncate(good);
                channel.force(true);
                LOG.warning(() -> "audit file " + file + ": cut off " + cut
                        + " bytes of an incomplete or unreadable end (the writer stopped mid-write)");
            }
            return new Result(good, Optional.ofNullable(last));
        }
    }

    private static ChainHead head(Path file, AuditChain.Link link) {
        String real = AuditChain.hash(link.body());
        if (!real.equals(link.hash())) {
            LOG.warning(() -> "audit file " + file + ": the last record (" + link.seq()
                    + ") does not match its hash; it was changed after it was written and is left for verify to report");
        }
        return new ChainHead(link.seq(), real);
    }

    /** The position of the last line feed before {@code limit}, or -1. */
    private static long lastNewline(FileChannel channel, long limit) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
        long end = limit;
        while (end > 0) {
            long start = Math.max(0, end - CHUNK);
            buffer.clear().limit((int) (end - start));
            readFully(channel, buffer, start);
            for (int i = buffer.limit() - 1; i >= 0; i--) {
                if (buffer.get(i) == '\n') {
                    return start + i;
                }
            }
            end = start;
        }
        return -1;
    }

    private static String read(FileChannel channel, long start, long length) throws IOException {
        if (length > Integer.MAX_VALUE - 16) {
            throw new IOException("a line of " + length + " bytes is longer than any audit record");
        }
        ByteBuffer buffer = ByteBuffer.allocate((int) length);
        readFully(channel, buffer, start);
        return new String(buffer.array(), 0, buffer.limit(), StandardCharsets.UTF_8);
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long at) throws IOException {
        long position = at;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, position);
            if (n < 0) {
                throw new IOException("the file ended while reading it");
            }
            position += n;
        }
        buffer.flip();
    }
}
