package dev.sluice.spi;

/** What a request asks of a model. */
public enum Operation {
    /** A chat completion, streamed or not. */
    CHAT,
    /** An embeddings request. */
    EMBEDDINGS
}
