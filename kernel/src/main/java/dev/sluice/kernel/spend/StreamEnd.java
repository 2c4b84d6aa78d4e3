package dev.sluice.kernel.spend;

import dev.sluice.spi.ChunkStream;
import dev.sluice.spi.NativeEvents;
import dev.sluice.spi.model.ChatChunk;
import dev.sluice.spi.model.Usage;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A stream that runs an action once, when it is closed: after its last chunk, after a failure,
 * or when the client went away. The gateway closes every stream it relays. The action gets the
 * usage the stream reported, if it did.
 */
public final class StreamEnd implements ChunkStream {
    private final ChunkStream inner;
    private final Consumer<Optional<Usage>> atEnd;
    private final AtomicBoolean done = new AtomicBoolean();
    private volatile Usage usage;

    private StreamEnd(ChunkStream inner, Consumer<Optional<Usage>> atEnd) {
        this.inner = inner;
        this.atEnd = atEnd;
    }

    /**
     * {@code inner}, running {@code atEnd} once it is closed. A stream that hands out its
     * upstream's own events keeps doing so (see {@link NativeEvents}).
     */
    public static ChunkStream then(ChunkStream inner, Consumer<Optional<Usage>> atEnd) {
        return new StreamEnd(inner, atEnd);
    }

    @Override
    public Optional<ChatChunk> next() {
        Optional<ChatChunk> chunk = inner.next();
        chunk.map(ChatChunk::usage).ifPresent(u -> usage = u);
        return chunk;
    }

    @Override
    public Optional<byte[]> jsonOf(ChatChunk chunk) {
        return inner.jsonOf(chunk);
    }

    /** The chunks pass unchanged, so the upstream's own events stand for them too. */
    @Override
    public Optional<NativeEvents> nativeEvents() {
        return inner.nativeEvents();
    }

    @Override
    public void close() {
        try {
            inner.close();
        } finally {
            if (done.compareAndSet(false, true)) {
                atEnd.accept(Optional.ofNullable(usage));
            }
        }
    }
}
