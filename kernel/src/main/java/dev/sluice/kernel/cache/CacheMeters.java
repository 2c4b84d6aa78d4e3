package dev.sluice.kernel.cache;

import dev.sluice.spi.cache.CacheStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.ToDoubleFunction;

/**
 * Each cache store's size and removals as metrics, read from its counters at scrape time:
 * {@code sluice_cache_entries}, {@code sluice_cache_bytes}, {@code sluice_cache_evictions_total}
 * and {@code sluice_cache_expirations_total}, labelled {@code store}. Hits and misses are counted
 * per request (see {@code sluice_cache_lookups_total}).
 */
public final class CacheMeters {

    private CacheMeters() {
    }

    /** Binds the meters of every open store. */
    public static void bind(MeterRegistry registry, CacheStores stores) {
        for (String name : stores.names()) {
            gauge(registry, "sluice_cache_entries", "Entries a cache store holds.", name, stores, CacheStats::entries);
            gauge(registry, "sluice_cache_bytes", "Bytes a cache store's entries weigh.", name, stores, CacheStats::bytes);
            counter(registry, "sluice_cache_evictions", "Entries removed to keep a store within its bounds.", name,
                    stores, CacheStats::evictions);
            counter(registry, "sluice_cache_expirations", "Entries removed because their TTL had passed.", name,
                    stores, CacheStats::expirations);
        }
    }

    private static void gauge(MeterRegistry registry, String metric, String help, String store, CacheStores stores,
            java.util.function.ToLongFunction<CacheStats> value) {
        Gauge.builder(metric, stores, of(store, value)).description(help).tag("store", store).register(registry);
    }

    private static void counter(MeterRegistry registry, String metric, String help, String store, CacheStores stores,
            java.util.function.ToLongFunction<CacheStats> value) {
        FunctionCounter.builder(metric, stores, of(store, value)).description(help).tag("store", store)
                .register(registry);
    }

    private static ToDoubleFunction<CacheStores> of(String store, java.util.function.ToLongFunction<CacheStats> value) {
        return s -> {
            CacheStats stats = s.stats().get(store);
            return stats == null ? 0 : value.applyAsLong(stats);
        };
    }
}
