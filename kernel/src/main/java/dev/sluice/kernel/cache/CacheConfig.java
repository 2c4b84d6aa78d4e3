package dev.sluice.kernel.cache;

import dev.sluice.kernel.config.ConfigReader;
import dev.sluice.kernel.config.GatewayConfig.ModelEntry;
import dev.sluice.spi.config.Settings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code cache:} section and each route's {@code cache:} override.
 *
 * <pre>{@code
 * cache:
 *   ttl: 1h
 *   scope: key                 # key | user | team | global
 *   stores:
 *     - { type: exact, max_bytes: 256MB }
 *     - { type: semantic, threshold: 0.93 }
 * models:
 *   - name: faq
 *     cache: { ttl: 24h, scope: global }
 *   - name: agent
 *     cache: { enabled: false }
 * }</pre>
 *
 * @param defaults what routes without their own {@code cache:} use
 * @param routes each route's own settings
 * @param stores the stores, tried in order
 */
public record CacheConfig(RouteCache defaults, Map<String, RouteCache> routes, List<StoreEntry> stores) {

    /** No stores: nothing is cached. */
    public static final CacheConfig NONE = new CacheConfig(new RouteCache(false, Duration.ofHours(1), CacheScope.KEY,
            false), Map.of(), List.of());

    /**
     * One route's caching.
     *
     * @param enabled whether the route's answers are cached
     * @param ttl how long an answer is served
     * @param scope who shares answers
     * @param allowTools whether requests with tools may be cached (their answers may be calls with side effects)
     */
    public record RouteCache(boolean enabled, Duration ttl, CacheScope scope, boolean allowTools) {
    }

    /**
     * One store entry.
     *
     * @param type the store's name
     * @param settings the entry, {@code type} read
     */
    public record StoreEntry(String type, Settings settings) {
    }

    public CacheConfig {
        routes = Map.copyOf(routes);
        stores = List.copyOf(stores);
    }

    /** The settings of a route (the defaults for one without its own). */
    public RouteCache of(String route) {
        return routes.getOrDefault(route, defaults);
    }

    /** Reads the section and the routes' overrides. */
    public static CacheConfig read(Optional<Settings> section, List<ModelEntry> models) {
        Settings s = section.orElse(Settings.empty("cache"));
        List<StoreEntry> stores = new ArrayList<>();
        for (Settings store : s.list("stores")) {
            if (!store.isMapping()) {
                throw store.error("", "expected a mapping with a type, e.g. { type: exact, max_bytes: 256MB }");
            }
            stores.add(new StoreEntry(store.requireString("type"), store));
        }
        RouteCache defaults = route(s, new RouteCache(!stores.isEmpty(), Duration.ofHours(1), CacheScope.KEY, false));
        if (section.isPresent()) {
            ConfigReader.rejectUnknown(s);
        }
        Map<String, RouteCache> routes = new HashMap<>();
        for (ModelEntry model : models) {
            Optional<Settings> own = model.settings().child("cache");
            if (own.isPresent()) {
                RouteCache r = route(own.get(), defaults);
                ConfigReader.rejectUnknown(own.get());
                if (r.enabled() && stores.isEmpty()) {
                    throw own.get().error("enabled", "route " + model.name() + " caches but cache.stores is empty; "
                            + "add a store, e.g. cache: { stores: [ { type: exact } ] }");
                }
                routes.put(model.name(), r);
            }
        }
        return new CacheConfig(defaults, routes, stores);
    }

    private static RouteCache route(Settings s, RouteCache base) {
        boolean enabled = s.bool("enabled").orElse(base.enabled());
        Duration ttl = s.duration("ttl").orElse(base.ttl());
        if (ttl.isNegative() || ttl.isZero()) {
            throw s.error("ttl", "must be positive");
        }
        CacheScope scope = base.scope();
        Optional<String> named = s.string("scope");
        if (named.isPresent()) {
            scope = CacheScope.named(named.get()).orElseThrow(() -> s.error("scope",
                    "unknown scope \"" + named.get() + "\"; use key, user, team or global"));
        }
        boolean tools = s.bool("allow_tools").orElse(base.allowTools());
        return new RouteCache(enabled, ttl, scope, tools);
    }
}
