package dev.sluice.plugins.cache.exact;

import dev.sluice.spi.cache.CacheHit;
import dev.sluice.spi.cache.CacheKey;

/**
 * An answer as held by the store: with the scope and route it was stored for, so that a lookup
 * can refuse it to any other, and so that purges can select it.
 *
 * @param scope the scope of the request that stored it
 * @param route the route of the request that stored it
 * @param hit what a lookup returns, built once
 * @param ttlNanos how long it may be served from when it was stored
 */
record CacheEntry(String scope, String route, CacheHit hit, long ttlNanos) {

    /** Whether a request with this key may be served this entry. */
    boolean servable(CacheKey key) {
        return scope.equals(key.scope()) && route.equals(key.route());
    }

    /** What the entry counts against {@code max_bytes}. */
    long weight() {
        return hit.answer().weight();
    }
}
