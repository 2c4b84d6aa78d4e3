package dev.sluice.spi.cache;

import dev.sluice.spi.GatewayContext;
import dev.sluice.spi.config.Settings;
import org.pf4j.ExtensionPoint;

/**
 * Extension point for response caches, named by the {@code type:} of an entry under
 * {@code cache.stores}:
 *
 * <pre>{@code
 * cache:
 *   ttl: 1h
 *   stores:
 *     - { type: exact, max_bytes: 256MB }
 *     - { type: semantic, threshold: 0.93 }
 * }</pre>
 * The kernel's {@code cache} step decides which requests may be cached, computes their
 * {@link CacheKey} (exact hash, scope, partition, prompt text), asks the stores in order, makes
 * concurrent identical misses share one upstream call, and stores complete answers (streams
 * included, once they ended normally). A store only keeps and finds answers.
 */
public interface ResponseCache extends ExtensionPoint {

    /** The store type used in {@code type:}; unique across all plugins. */
    String name();

    /**
     * Opens the store. Read every setting you accept; unread keys are reported as unknown.
     * Called once at start; the store lives until shutdown.
     */
    CacheStore open(Settings settings, GatewayContext context);
}
