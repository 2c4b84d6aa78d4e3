package dev.sluice.kernel.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.sluice.spi.Caller;
import dev.sluice.spi.cache.CacheKey;
import dev.sluice.spi.json.Canonical;
import dev.sluice.spi.json.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.spi.model.ChatRequest;
import dev.sluice.spi.model.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The cache key of a request: its {@link Canonical} form (field order and whitespace do not
 * matter) without the fields that do not change the answer, with the route in
 * place of the model, hashed together with the scope.
 */
final class CacheKeys {
    /** Fields that change how the answer is delivered or billed, not what it says. */
    private static final Set<String> IGNORED = Set.of("model", "stream", "stream_options", "user", "metadata",
            "store", "service_tier", "prompt_cache_key", "safety_identifier");

    private CacheKeys() {
    }

    /** The scope value for a caller, or empty when the caller has no identity the scope can use. */
    static Optional<String> scope(CacheScope scope, Caller caller) {
        return switch (scope) {
            case KEY -> caller.keyId().map(k -> "key:" + k).or(() -> caller.user().map(u -> "user:" + u));
            case USER -> caller.user().map(u -> "user:" + u).or(() -> caller.keyId().map(k -> "key:" + k));
            case TEAM -> caller.team().map(t -> "team:" + t);
            case GLOBAL -> Optional.of("global");
        };
    }

    static CacheKey of(ChatRequest request, String route, String scope, java.time.Duration ttl) {
        ObjectNode tree = Json.mapper().valueToTree(request);
        IGNORED.forEach(tree::remove);
        tree.put("model", route);
        String hash = Canonical.sha256(scope + "\n" + Canonical.json(tree));
        ObjectNode context = tree.deepCopy();
        ArrayNode system = JsonNodeFactory.instance.arrayNode();
        List<String> turns = new ArrayList<>();
        for (Message m : request.messages()) {
            if ("system".equals(m.role()) || "developer".equals(m.role())) {
                system.add(Json.mapper().<JsonNode>valueToTree(m));
            } else {
                turns.add(m.role() + ": " + prompt(m));
            }
        }
        context.set("messages", system);
        String partition = Canonical.sha256(scope + "\n" + Canonical.json(context));
        return new CacheKey(hash, scope, route, partition, String.join("\n", turns), request, ttl);
    }

    private static String prompt(Message m) {
        if (m.toolCalls() != null && !m.toolCalls().isEmpty()) {
            return m.text() + " " + Canonical.json(Json.mapper().valueToTree(m.toolCalls()));
        }
        return m.text();
    }
}
