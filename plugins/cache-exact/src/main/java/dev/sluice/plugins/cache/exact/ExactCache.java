package dev.sluice.plugins.cache.exact;

import dev.sluice.spi.GatewayContext;
import dev.sluice.spi.cache.CacheStore;
import dev.sluice.spi.cache.ResponseCache;
import dev.sluice.spi.config.Settings;
import org.pf4j.Extension;

/**
 * The {@code exact} response cache: complete answers kept in memory under the hash of the
 * canonical request ({@code CacheKey.hash()}), bounded by bytes (and optionally by entries), each
 * answer for its own TTL.
 *
 * <pre>{@code
 * cache:
 *   stores:
 *     - { type: exact, max_bytes: 256MB, max_entries: 100000 }
 * }</pre>
 *
 * An answer is served only to a request of the same scope and route as the one that stored it,
 * even should two different requests share a hash. Time is read from the gateway's clock, so a
 * test that moves the clock moves expiry with it.
 */
@Extension
public final class ExactCache implements ResponseCache {

    /** The store type in {@code cache.stores[].type}. */
    public static final String NAME = "exact";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CacheStore open(Settings settings, GatewayContext context) {
        return new ExactStore(ExactCacheSettings.from(settings), new ClockTicker(context.clock()));
    }
}
