package dev.sluice.plugins.mock;

import dev.sluice.spi.ChunkStream;
import dev.sluice.spi.UpstreamException;
import dev.sluice.spi.model.ChatChunk;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * A mock stream that waits inside {@link #next()} before each chunk, on the reading (virtual)
 * thread, so that chunks really are spread over time as an upstream's would be.
 */
final class MockChunkStream implements ChunkStream {
    private final Iterator<PacedChunk> chunks;
    private final String provider;
    // Written by whoever closes (possibly another thread aborting the request), read by next().
    private volatile boolean closed;

    MockChunkStream(List<PacedChunk> chunks, String provider) {
        this.chunks = List.copyOf(chunks).iterator();
        this.provider = provider;
    }

    @Override
    public Optional<ChatChunk> next() {
        if (closed || !chunks.hasNext()) {
            return Optional.empty();
        }
        PacedChunk next = chunks.next();
        pause(next.delay(), provider);
        return closed ? Optional.empty() : Optional.of(next.chunk());
    }

    @Override
    public void close() {
        closed = true;
    }

    /** Sleeps the calling thread; callers run on virtual threads, where that costs no carrier. */
    static void pause(Duration delay, String provider) {
        if (delay.isZero() || delay.isNegative()) {
            return;
        }
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpstreamException(0, false, "provider '" + provider + "' was interrupted", null, e);
        }
    }
}
