package dev.sluice.plugins.cache.exact;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.spi.cache.CacheKey;
import dev.sluice.spi.cache.CacheStore;
import dev.sluice.spi.cache.CachedAnswer;
import dev.sluice.spi.config.Settings;
import dev.sluice.spi.model.ChatRequest;
import dev.sluice.spi.model.ChatResponse;
import dev.sluice.spi.model.Message;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Stores, keys and answers for the tests. */
final class Stores {
    static final Duration HOUR = Duration.ofHours(1);
    static final String SCOPE = "key:k1";
    static final String ROUTE = "chat";

    private Stores() {
    }

    /** An {@code exact} store opened with these settings ({@code max_bytes: 20000} …) on this clock. */
    static CacheStore open(Clock clock, Object... keysAndValues) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            node.put((String) keysAndValues[i], String.valueOf(keysAndValues[i + 1]));
        }
        return new ExactCache().open(Settings.of(node), new FakeContext(clock));
    }

    /** A key of the default scope and route that lives an hour. */
    static CacheKey key(String hash) {
        return key(hash, SCOPE, ROUTE, HOUR);
    }

    static CacheKey key(String hash, Duration ttl) {
        return key(hash, SCOPE, ROUTE, ttl);
    }

    static CacheKey key(String hash, String scope, String route) {
        return key(hash, scope, route, HOUR);
    }

    static CacheKey key(String hash, String scope, String route, Duration ttl) {
        ChatRequest request = ChatRequest.of(route, List.of(Message.of("user", "question " + hash)));
        return new CacheKey(hash, scope, route, "partition-" + scope + "-" + route, "question " + hash, request, ttl);
    }

    /** An answer saying this text, its JSON that long. */
    static CachedAnswer answer(String text) {
        return new CachedAnswer(response(text), text.getBytes(StandardCharsets.UTF_8), Optional.empty(),
                Instant.EPOCH);
    }

    /** An answer whose weight is exactly this many bytes (at least 256). */
    static CachedAnswer weighing(long weight) {
        byte[] json = new byte[Math.toIntExact(weight - 256)];
        Arrays.fill(json, (byte) 'x');
        return new CachedAnswer(response("sized"), json, Optional.empty(), Instant.EPOCH);
    }

    private static ChatResponse response(String text) {
        return new ChatResponse("chatcmpl-" + text.hashCode(), ChatResponse.OBJECT, 0, "gpt-4o-mini", List.of(),
                null, null, Map.of());
    }
}
