package dev.sluice.kernel.cache;

import dev.sluice.kernel.stream.StreamAssembly;
import dev.sluice.spi.ChunkStream;
import dev.sluice.spi.NativeEvents;
import dev.sluice.spi.model.ChatChunk;
import dev.sluice.spi.model.ChatResponse;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Passes a stream through unchanged while assembling its answer; hands the answer on only when
 * the stream ended normally (its last chunk read without error). A stream that failed, or that
 * the client left before its end, is never handed on. {@code closed} runs once, whatever happened.
 */
final class RecordingStream implements ChunkStream {
    private final ChunkStream inner;
    private final StreamAssembly assembly = new StreamAssembly();
    private final Consumer<ChatResponse> completed;
    private final Runnable closed;
    private boolean ended;
    private boolean done;

    RecordingStream(ChunkStream inner, Consumer<ChatResponse> completed, Runnable closed) {
        this.inner = inner;
        this.completed = completed;
        this.closed = closed;
    }

    @Override
    public Optional<ChatChunk> next() {
        Optional<ChatChunk> chunk = inner.next();
        if (chunk.isPresent()) {
            assembly.add(chunk.get());
        } else if (!ended) {
            ended = true;
            completed.accept(assembly.response());
        }
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
            if (!done) {
                done = true;
                closed.run();
            }
        }
    }
}
