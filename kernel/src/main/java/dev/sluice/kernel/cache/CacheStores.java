package dev.sluice.kernel.cache;

import dev.sluice.kernel.config.ConfigReader;
import dev.sluice.kernel.plugin.ExtensionCatalog;
import dev.sluice.spi.GatewayContext;
import dev.sluice.spi.cache.CacheHit;
import dev.sluice.spi.cache.CacheKey;
import dev.sluice.spi.cache.CachePurge;
import dev.sluice.spi.cache.CacheStats;
import dev.sluice.spi.cache.CacheStore;
import dev.sluice.spi.cache.CachedAnswer;
import dev.sluice.spi.cache.ResponseCache;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The response caches opened at start (they live until shutdown; changing {@code cache.stores}
 * takes a restart), asked in order, and the flights in progress: concurrent identical misses
 * wait for the first one's answer instead of each calling the upstream. Waiting happens on a
 * future of the gateway's own, never inside a store.
 */
public final class CacheStores implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(CacheStores.class.getName());

    private final Map<String, CacheStore> stores;
    private final Map<String, CompletableFuture<Void>> flights = new ConcurrentHashMap<>();

    private CacheStores(Map<String, CacheStore> stores) {
        this.stores = stores;
    }

    /** No stores. */
    public static CacheStores none() {
        return new CacheStores(Map.of());
    }

    /**
     * Opens every configured store; on a failure closes those already open and throws.
     *
     * @throws dev.sluice.spi.config.ConfigException for an unknown store type or bad settings
     */
    public static CacheStores open(CacheConfig config, ExtensionCatalog catalog, GatewayContext context) {
        Map<String, CacheStore> opened = new LinkedHashMap<>();
        Map<String, Integer> seen = new HashMap<>();
        try {
            for (CacheConfig.StoreEntry entry : config.stores()) {
                ResponseCache cache = ExtensionCatalog.find(catalog.caches(), entry.type()).orElseThrow(() ->
                        entry.settings().error("type", "unknown cache store type \"" + entry.type() + "\" (known: "
                                + ExtensionCatalog.known(catalog.caches()) + ")"));
                CacheStore store = cache.open(entry.settings(), context);
                int n = seen.merge(entry.type(), 1, Integer::sum);
                opened.put(n == 1 ? entry.type() : entry.type() + "-" + n, store);
                ConfigReader.rejectUnknown(entry.settings(), "for cache store " + entry.type());
            }
        } catch (RuntimeException e) {
            opened.values().forEach(CacheStores::closeQuietly);
            throw e;
        }
        return new CacheStores(Map.copyOf(opened));
    }

    /** Whether any store is open. */
    public boolean active() {
        return !stores.isEmpty();
    }

    /** The first store's answer, in configuration order. */
    Optional<CacheHit> lookup(CacheKey key) {
        for (CacheStore store : stores.values()) {
            try {
                Optional<CacheHit> hit = store.lookup(key);
                if (hit.isPresent()) {
                    return hit;
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "a cache store failed a lookup; treating it as a miss", e);
            }
        }
        return Optional.empty();
    }

    /** Stores an answer in every store. */
    void store(CacheKey key, CachedAnswer answer) {
        for (CacheStore store : stores.values()) {
            try {
                store.store(key, answer);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "a cache store failed to store an answer", e);
            }
        }
    }

    /**
     * Joins the flight for a key: the first caller leads (empty answer: go and call the upstream,
     * then {@link #land}); later callers get the leader's future to wait on.
     */
    Optional<CompletableFuture<Void>> board(String hash, CompletableFuture<Void> mine) {
        return Optional.ofNullable(flights.putIfAbsent(hash, mine));
    }

    /** Ends a leader's flight: its followers look again. */
    void land(String hash, CompletableFuture<Void> mine) {
        flights.remove(hash, mine);
        mine.complete(null);
    }

    /** Removes what matches from every store; returns how many entries went, by store. */
    public Map<String, Long> purge(CachePurge what) {
        Map<String, Long> purged = new LinkedHashMap<>();
        stores.forEach((name, store) -> purged.put(name, store.purge(what)));
        return purged;
    }

    /** Each store's counters. */
    public Map<String, CacheStats> stats() {
        Map<String, CacheStats> stats = new LinkedHashMap<>();
        stores.forEach((name, store) -> stats.put(name, store.stats()));
        return stats;
    }

    /** The stores' names, in order. */
    public List<String> names() {
        return new ArrayList<>(stores.keySet());
    }

    @Override
    public void close() {
        stores.values().forEach(CacheStores::closeQuietly);
    }

    private static void closeQuietly(CacheStore store) {
        try {
            store.close();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "a cache store failed to close", e);
        }
    }
}
