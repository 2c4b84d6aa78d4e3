package dev.sluice.kernel.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The meters of one route: cache lookups, failovers and rejections, and the meters of each
 * provider that served it ({@link ProviderMeters}). Built on a route's first request and kept.
 */
final class RouteMeters {
    private final MeterRegistry registry;
    private final String route;
    private final ConcurrentHashMap<String, ProviderMeters> providers = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Counter> rejections = new ConcurrentHashMap<>();
    private final Counter cacheHits;
    private final Counter cacheMisses;
    private final Counter cacheBypasses;
    private final Counter recovered;
    private final Counter failed;

    RouteMeters(MeterRegistry registry, String route) {
        this.registry = registry;
        this.route = route;
        this.cacheHits = cacheCounter("hit");
        this.cacheMisses = cacheCounter("miss");
        this.cacheBypasses = cacheCounter("bypass");
        this.recovered = failoverCounter("recovered");
        this.failed = failoverCounter("failed");
    }

    private Counter cacheCounter(String result) {
        return Counter.builder(MetricNames.CACHE_LOOKUPS)
                .description("Response cache lookups, by result: hit, miss or bypass (the request skipped the cache).")
                .tag("route", route).tag("result", result).register(registry);
    }

    private Counter failoverCounter(String outcome) {
        return Counter.builder(MetricNames.FAILOVERS)
                .description("Requests that tried more than one target, by outcome: recovered (answered) or failed.")
                .tag("route", route).tag("outcome", outcome).register(registry);
    }

    ProviderMeters provider(String provider) {
        ProviderMeters meters = providers.get(provider);
        return meters != null ? meters
                : providers.computeIfAbsent(provider, p -> new ProviderMeters(registry, route, p));
    }

    /** Counts a lookup; a status other than hit, miss or bypass is not counted. */
    void cache(String status) {
        switch (status) {
            case "hit" -> cacheHits.increment();
            case "miss" -> cacheMisses.increment();
            case "bypass" -> cacheBypasses.increment();
            default -> {
            }
        }
    }

    void failover(boolean recoveredRequest) {
        (recoveredRequest ? recovered : failed).increment();
    }

    void rejection(String reason) {
        Counter counter = rejections.get(reason);
        if (counter == null) {
            counter = rejections.computeIfAbsent(reason, r -> Counter.builder(MetricNames.REJECTIONS)
                    .description("Requests the gateway refused itself (4xx, no upstream tried), by reason.")
                    .tag("route", route).tag("reason", r).register(registry));
        }
        counter.increment();
    }
}
