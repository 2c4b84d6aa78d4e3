package dev.sluice.plugins.cache.semantic;

import dev.sluice.spi.cache.CachedAnswer;

/**
 * A stored answer that matches a lookup.
 *
 * @param answer the answer
 * @param similarity the cosine similarity of the two prompts (1 for the same request)
 */
record Match(CachedAnswer answer, double similarity) {
}
