package dev.sluice.spi;

import dev.sluice.spi.model.ChatChunk;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * A streamed chat answer, pulled chunk by chunk on the request's own (virtual) thread.
 *
 * <p>Contract: {@link #next()} blocks until the next chunk arrives and returns empty once the
 * stream has ended normally; an upstream failure mid-stream is thrown as a
 * {@link GatewayException}. {@link #close()} releases the upstream connection; it is idempotent
 * and must be called whether or not the stream was read to its end. A stream is read by one
 * thread at a time.
 *
 * <p>To observe a stream, wrap it:
 * <pre>{@code
 * return new ChunkStream() {
 *     public Optional<ChatChunk> next() {
 *         Optional<ChatChunk> chunk = inner.next();
 *         chunk.ifPresentOrElse(this::look, this::atEnd);
 *         return chunk;
 *     }
 *     public void close() { inner.close(); }
 * };
 * }</pre>
 */
public interface ChunkStream extends AutoCloseable {

    /** The next chunk, or empty at the normal end of the stream. */
    Optional<ChatChunk> next();

    /** Releases whatever the stream holds; idempotent. */
    @Override
    void close();

    /** A stream over chunks already in memory (cache replay, tests, mock providers). */
    static ChunkStream of(List<ChatChunk> chunks) {
        Iterator<ChatChunk> it = List.copyOf(chunks).iterator();
        return new ChunkStream() {
            @Override
            public Optional<ChatChunk> next() {
                return it.hasNext() ? Optional.of(it.next()) : Optional.empty();
            }

            @Override
            public void close() {
            }
        };
    }
}
