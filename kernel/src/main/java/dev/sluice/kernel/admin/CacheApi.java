package dev.sluice.kernel.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.kernel.GatewayRuntime;
import dev.sluice.kernel.cache.CacheStores;
import dev.sluice.spi.ErrorType;
import dev.sluice.spi.GatewayException;
import dev.sluice.spi.cache.CachePurge;
import dev.sluice.spi.cache.CacheStats;
import dev.sluice.spi.json.Json;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The response caches, behind the master key. {@code GET /admin/cache} shows each store's
 * counters; {@code DELETE /admin/cache?route=…&key=…} purges: the entries of one route, of one
 * virtual key ({@code key=ID}, or any scope with {@code scope=key:ID|user:ID|team:NAME|global}),
 * of both, or (no parameter) everything.
 */
public final class CacheApi {
    private final Supplier<CacheStores> caches;
    private final AdminGuard guard;

    /**
     * @param runtime the runtime serving new requests now (its {@code auth.master_key} guards the routes)
     * @param caches the gateway's caches
     */
    public CacheApi(Supplier<GatewayRuntime> runtime, Supplier<CacheStores> caches) {
        this.caches = caches;
        this.guard = new AdminGuard(runtime);
    }

    /** Adds the routes. */
    public void register(HttpRouting.Builder routing) {
        routing.get("/admin/cache", guard.strict(this::stats))
                .delete("/admin/cache", guard.strict(this::purge));
    }

    private void stats(ServerRequest req, ServerResponse res) {
        ObjectNode out = Json.mapper().createObjectNode();
        ObjectNode stores = out.putObject("stores");
        for (Map.Entry<String, CacheStats> e : caches.get().stats().entrySet()) {
            CacheStats s = e.getValue();
            ObjectNode n = stores.putObject(e.getKey());
            n.put("entries", s.entries());
            n.put("bytes", s.bytes());
            n.put("hits", s.hits());
            n.put("misses", s.misses());
            n.put("evictions", s.evictions());
            n.put("expirations", s.expirations());
        }
        KeysApi.send(res, out);
    }

    private void purge(ServerRequest req, ServerResponse res) {
        var query = req.query();
        Optional<String> route = query.first("route").asOptional();
        Optional<String> key = query.first("key").asOptional();
        Optional<String> scope = query.first("scope").asOptional();
        if (key.isPresent() && scope.isPresent()) {
            throw new GatewayException(ErrorType.INVALID_REQUEST, "give key or scope, not both").withParam("scope");
        }
        scope.filter(s -> !s.equals("global") && !s.matches("(key|user|team):.+")).ifPresent(s -> {
            throw new GatewayException(ErrorType.INVALID_REQUEST,
                    "scope must be key:ID, user:ID, team:NAME or global").withParam("scope");
        });
        Optional<String> which = key.map(k -> "key:" + k).or(() -> scope);
        Map<String, Long> purged = caches.get().purge(new CachePurge(route, which));
        ObjectNode out = Json.mapper().createObjectNode();
        route.ifPresent(r -> out.put("route", r));
        which.ifPresent(s -> out.put("scope", s));
        out.put("purged", purged.values().stream().mapToLong(Long::longValue).sum());
        ObjectNode byStore = out.putObject("stores");
        purged.forEach(byStore::put);
        KeysApi.send(res, out);
    }
}
