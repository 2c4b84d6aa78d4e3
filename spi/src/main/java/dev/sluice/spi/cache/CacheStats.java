package dev.sluice.spi.cache;

/**
 * Counters of an open {@link CacheStore}.
 *
 * @param entries entries held now
 * @param bytes their weight ({@link CachedAnswer#weight()}) now
 * @param hits lookups that found an answer
 * @param misses lookups that did not
 * @param evictions entries removed to stay in bounds (not counting expiry and purges)
 * @param expirations entries removed because their time was up
 */
public record CacheStats(long entries, long bytes, long hits, long misses, long evictions, long expirations) {
}
