package dev.sluice.spi.cache;

import java.util.Optional;

/**
 * An open response cache. Called from many request threads at once; every method must be safe
 * under concurrency and must not hold a lock (or a Caffeine {@code compute}) while doing I/O or
 * computing an embedding.
 */
public interface CacheStore extends AutoCloseable {

    /**
     * The stored answer for this key, if a live one exists in the key's scope. An exact store
     * matches {@link CacheKey#hash()}; a semantic store matches the prompt within
     * {@link CacheKey#partition()}. Never returns an entry of another scope.
     */
    Optional<CacheHit> lookup(CacheKey key);

    /** Keeps a complete answer for {@link CacheKey#ttl()}; may evict older entries to stay in bounds. */
    void store(CacheKey key, CachedAnswer answer);

    /** Removes what matches; returns how many entries went. */
    long purge(CachePurge what);

    /** Counters, for metrics and the admin API. */
    CacheStats stats();

    @Override
    void close();
}
