package dev.sluice.kernel.cache;

import dev.sluice.spi.ChainStep;
import java.time.Clock;

/**
 * Builds the {@code cache} step of a configuration. It goes where {@code cache} stands in
 * {@code chain:}, else at the end of the configured steps: after guardrails on the input (so a
 * redacted prompt is the key) and before budgets (so a cached answer reserves nothing).
 */
public final class CachePolicy {
    /** The step's name in {@code chain:}. */
    public static final String NAME = "cache";

    private CachePolicy() {
    }

    /** The step, unless no store is open. */
    public static java.util.Optional<ChainStep> step(CacheConfig config, CacheStores stores, Clock clock) {
        return stores.active() ? java.util.Optional.of(new CacheStep(config, stores, clock))
                : java.util.Optional.empty();
    }

    /** The key the {@code cache} step computes for a request (for benchmarks and tools). */
    public static dev.sluice.spi.cache.CacheKey keyOf(dev.sluice.spi.model.ChatRequest request, String scope,
            java.time.Duration ttl) {
        return CacheKeys.of(request, request.model(), scope, ttl);
    }
}
