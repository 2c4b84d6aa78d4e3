package dev.sluice.plugins.openai;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A body that arrives in pieces, one piece per read, like a network stream; once the pieces are
 * used up it either ends or fails as a dropped connection does. It counts the reads, so a test can
 * tell how much of the body was consumed.
 */
final class SegmentedBody extends InputStream {
    private final Deque<byte[]> segments = new ArrayDeque<>();
    private final boolean failAtEnd;
    int reads;

    private SegmentedBody(boolean failAtEnd, String... segments) {
        this.failAtEnd = failAtEnd;
        for (String segment : segments) {
            this.segments.add(segment.getBytes(StandardCharsets.UTF_8));
        }
    }

    static SegmentedBody thenEnd(String... segments) {
        return new SegmentedBody(false, segments);
    }

    static SegmentedBody thenFail(String... segments) {
        return new SegmentedBody(true, segments);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        reads++;
        byte[] next = segments.poll();
        if (next == null) {
            if (failAtEnd) {
                throw new IOException("connection reset");
            }
            return -1;
        }
        if (next.length > len) {
            segments.push(java.util.Arrays.copyOfRange(next, len, next.length));
        }
        int n = Math.min(len, next.length);
        System.arraycopy(next, 0, b, off, n);
        return n;
    }
}
