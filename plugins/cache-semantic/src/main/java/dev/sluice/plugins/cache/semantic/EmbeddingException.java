package dev.sluice.plugins.cache.semantic;

/**
 * An embedding could not be computed: the model failed, the endpoint answered an error or could
 * not be reached. The store treats the request as a miss (or does not store) and carries on.
 */
public class EmbeddingException extends RuntimeException {

    /** An exception with a message that names no secret. */
    public EmbeddingException(String message) {
        super(message);
    }

    /** An exception with a message that names no secret, and its cause. */
    public EmbeddingException(String message, Throwable cause) {
        super(message, cause);
    }
}
