package dev.sluice.spi;

import dev.sluice.spi.model.ChatResponse;
import dev.sluice.spi.model.EmbeddingResponse;

/**
 * What the chain returns for a request: a complete chat answer, a stream of chunks, or
 * embeddings. Errors are not results: they are thrown as {@link GatewayException}.
 *
 * <p>A step that needs the whole answer of a stream (to cache it, check it, cost it) wraps the
 * {@link ChunkStream} and acts when it ends; it never buffers a stream it only observes.
 */
public sealed interface Result permits Result.Chat, Result.Stream, Result.Embeddings {

    /**
     * A complete chat answer.
     *
     * @param response the answer
     */
    record Chat(ChatResponse response) implements Result {
    }

    /**
     * A streamed chat answer; whoever receives it must close it.
     *
     * @param chunks the chunks, pulled one by one
     */
    record Stream(ChunkStream chunks) implements Result {
    }

    /**
     * Embeddings.
     *
     * @param response the vectors
     */
    record Embeddings(EmbeddingResponse response) implements Result {
    }
}
