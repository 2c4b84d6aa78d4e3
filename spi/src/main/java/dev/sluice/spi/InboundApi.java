package dev.sluice.spi;

/** The API dialect a client spoke; errors and streams go back in the same dialect. */
public enum InboundApi {
    /** OpenAI's Chat Completions and Embeddings API. */
    OPENAI,
    /** Anthropic's Messages API. */
    ANTHROPIC
}
