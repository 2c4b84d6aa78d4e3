package dev.sluice.plugins.cache.exact;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.sluice.spi.cache.CacheHit;
import dev.sluice.spi.cache.CacheKey;
import dev.sluice.spi.cache.CachePurge;
import dev.sluice.spi.cache.CacheStats;
import dev.sluice.spi.cache.CacheStore;
import dev.sluice.spi.cache.CachedAnswer;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentMap;

/**
 * An open {@code exact} store: a Caffeine cache from {@code CacheKey.hash()} to the answer, its
 * scope and its route.
 *
 * <p>Caffeine bounds the total weight (W-TinyLFU eviction) and expires each entry after its own
 * TTL. Its upkeep (evicting, expiring, telling the counters) runs on a calling thread right
 * after the operation that caused it, outside any Caffeine {@code compute}, and does nothing but
 * count: a lone writer's store returns within bounds (concurrent writers leave the upkeep to
 * whichever of them holds Caffeine's lock), and {@link #stats()} is exact once callers are quiet.
 * No method does I/O.
 */
final class ExactStore implements CacheStore {
    /** Caffeine treats longer durations as forever; so do we. */
    private static final long LONGEST_TTL_NANOS = Long.MAX_VALUE >> 1;

    private final Cache<String, CacheEntry> cache;
    private final RemovalCounters counters = new RemovalCounters();
    private final long largestEntry;
    private volatile boolean closed;

    ExactStore(ExactCacheSettings settings, Ticker ticker) {
        long floor = settings.weightFloor();
        this.largestEntry = settings.largestEntry();
        this.cache = Caffeine.newBuilder()
                .maximumWeight(settings.maxBytes())
                .weigher((String hash, CacheEntry entry) -> (int) Math.min(Integer.MAX_VALUE,
                        Math.max(floor, entry.weight())))
                .expireAfter(new TtlExpiry())
                .ticker(ticker)
                .executor(Runnable::run)
                .removalListener(counters)
                .build();
    }

    @Override
    public Optional<CacheHit> lookup(CacheKey key) {
        CacheEntry entry = cache.getIfPresent(key.hash());
        // The hash already covers scope and route; checking them again means that not even a
        // collision can hand one scope's answer to another.
        if (entry == null || !entry.servable(key)) {
            counters.miss();
            return Optional.empty();
        }
        counters.hit();
        return Optional.of(entry.hit());
    }

    @Override
    public void store(CacheKey key, CachedAnswer answer) {
        Duration ttl = key.ttl();
        if (closed || answer.weight() > largestEntry || ttl.isNegative() || ttl.isZero()) {
            return;
        }
        CacheEntry entry = new CacheEntry(key.scope(), key.route(),
                new CacheHit(answer, OptionalDouble.empty()), nanos(ttl));
        // Counted before the put: admission may evict the newcomer within put(), and the removal
        // would otherwise be subtracted before it was added.
        counters.added(entry);
        cache.put(key.hash(), entry);
    }

    @Override
    public long purge(CachePurge what) {
        ConcurrentMap<String, CacheEntry> map = cache.asMap();
        long removed = 0;
        for (Map.Entry<String, CacheEntry> e : map.entrySet()) {
            CacheEntry entry = e.getValue();
            // Removes this very entry only: a newer answer stored meanwhile under the hash stays.
            if (what.matches(entry.route(), entry.scope()) && map.remove(e.getKey(), entry)) {
                removed++;
            }
        }
        return removed;
    }

    @Override
    public CacheStats stats() {
        cache.cleanUp(); // expired entries still held are removed (and counted) now
        return new CacheStats(cache.estimatedSize(), counters.bytes(), counters.hits(), counters.misses(),
                counters.evictions(), counters.expirations());
    }

    @Override
    public void close() {
        closed = true;
        cache.invalidateAll();
        cache.cleanUp();
    }

    private static long nanos(Duration ttl) {
        return ttl.compareTo(Duration.ofNanos(LONGEST_TTL_NANOS)) >= 0 ? LONGEST_TTL_NANOS : ttl.toNanos();
    }
}
