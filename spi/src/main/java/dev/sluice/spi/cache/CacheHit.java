package dev.sluice.spi.cache;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * A stored answer found for a request.
 *
 * @param answer the answer
 * @param similarity for a semantic hit, the cosine similarity of the two prompts; empty for an
 *     exact hit
 */
public record CacheHit(CachedAnswer answer, OptionalDouble similarity) {

    public CacheHit {
        Objects.requireNonNull(answer);
        Objects.requireNonNull(similarity);
    }
}
