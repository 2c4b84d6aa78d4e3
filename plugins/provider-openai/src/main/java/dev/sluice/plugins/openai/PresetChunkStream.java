package dev.sluice.plugins.openai;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.sluice.spi.ChunkStream;
import dev.sluice.spi.provider.UpstreamErrors;
import dev.sluice.spi.model.ChatChunk;
import java.util.ArrayDeque;
import java.util.Optional;

/**
 * An upstream's stream with its {@link AnswerQuirks} smoothed out, chunk by chunk as they arrive.
 * Chunks that need no change are handed on as the very objects the upstream stream read, so
 * {@link #jsonOf} still finds the upstream's own bytes for them.
 */
final class PresetChunkStream implements ChunkStream {
    private final ChunkStream upstream;
    private final AnswerQuirks quirks;
    private final UpstreamErrors errors;
    private final int status;
    private final ArrayDeque<ChatChunk> ready = new ArrayDeque<>(2);

    PresetChunkStream(ChunkStream upstream, AnswerQuirks quirks, UpstreamErrors errors, int status) {
        this.upstream = upstream;
        this.quirks = quirks;
        this.errors = errors;
        this.status = status;
    }

    @Override
    public Optional<ChatChunk> next() {
        while (ready.isEmpty()) {
            Optional<ChatChunk> chunk = upstream.next();
            if (chunk.isEmpty()) {
                return Optional.empty();
            }
            Optional<String> failure = quirks.failure(chunk.get());
            if (failure.isPresent()) {
                upstream.close();
                throw errors.failedMidStream(status, TextNode.valueOf(failure.get()));
            }
            quirks.normalise(chunk.get(), ready::add);
        }
        return Optional.of(ready.poll());
    }

    @Override
    public Optional<byte[]> jsonOf(ChatChunk chunk) {
        // Safe for changed chunks too: they are other objects, for which the upstream has no bytes.
        return upstream.jsonOf(chunk);
    }

    @Override
    public void close() {
        upstream.close();
    }
}
