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
 *     public Optional<byte[]> jsonOf(ChatChunk chunk) { return inner.jsonOf(chunk); }
 *     public void close() { inner.close(); }
 * };
 * }</pre>
 */
public interface ChunkStream extends AutoCloseable {

    /** The next chunk, or empty at the normal end of the stream. */
    Optional<ChatChunk> next();

    /**
     * The JSON a chunk was read from, when {@code chunk} is the very object (by identity) this
     * stream last returned and it was parsed from upstream JSON. The gateway then relays those
     * bytes instead of writing the chunk out again. A stream that builds its chunks keeps the
     * default; a wrapper forwards the call to the stream it wraps, which is safe even when the
     * wrapper replaces chunks, since a replaced chunk is another object.
     */
    default Optional<byte[]> jsonOf(ChatChunk chunk) {
        return Optional.empty();
    }

    /**
     * The upstream's own events next to the chunks (see {@link NativeEvents}): the stream itself
     * when it implements {@code NativeEvents}, else none. A wrapper that only observes the chunks
     * and passes each on unchanged may forward its inner stream's; a wrapper that changes chunks
     * must keep this default, so that the client gets the changed chunks.
     */
    default java.util.Optional<NativeEvents> nativeEvents() {
        return this instanceof NativeEvents events ? java.util.Optional.of(events) : java.util.Optional.empty();
    }

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
