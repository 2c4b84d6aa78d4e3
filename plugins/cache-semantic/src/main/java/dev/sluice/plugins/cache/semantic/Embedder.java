package dev.sluice.plugins.cache.semantic;

/**
 * Turns a prompt into a vector so that prompts asking the same thing land close together. The
 * {@code semantic} store chooses one by {@code embedder.type}: {@code local} (a small model run in
 * process) or {@code openai} (any OpenAI-compatible {@code /v1/embeddings} endpoint).
 *
 * <p>Implementations are thread-safe, may block (the store never calls them while holding a
 * lock), and return a vector of the same length for every text. The store normalises what they
 * return, so any length-scaled vector will do.
 */
public interface Embedder extends AutoCloseable {

    /**
     * The embedding of a text.
     *
     * @throws EmbeddingException when it cannot be computed
     */
    float[] embed(String text);

    /** What this embedder is, for logs; never names a secret. */
    String description();

    /** Releases what the embedder holds; the default holds nothing. */
    @Override
    default void close() {
    }
}
