package dev.sluice.plugins.cache.semantic;

import dev.sluice.spi.cache.CacheKey;
import dev.sluice.spi.cache.CachedAnswer;
import dev.sluice.spi.model.ChatRequest;
import dev.sluice.spi.model.ChatResponse;
import dev.sluice.spi.model.Message;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Cache keys and answers shaped as the kernel makes them: one user turn, prompt {@code user: …}. */
final class Requests {
    static final Duration HOUR = Duration.ofHours(1);

    private Requests() {
    }

    static CacheKey key(String prompt) {
        return key("key:k1", "chat", prompt, HOUR);
    }

    static CacheKey key(String scope, String route, String prompt, Duration ttl) {
        ChatRequest request = ChatRequest.of(route, List.of(Message.of("user", prompt)));
        return new CacheKey(sha256(scope + "\n" + route + "\n" + prompt), scope, route, sha256(scope + "\n" + route),
                "user: " + prompt, request, ttl);
    }

    static CachedAnswer answer(String text) {
        ChatResponse response = new ChatResponse("chatcmpl-" + text.hashCode(), ChatResponse.OBJECT, 0, "gpt-4o-mini",
                List.of(), null, null, Map.of());
        return new CachedAnswer(response, ("{\"answer\":\"" + text + "\"}").getBytes(StandardCharsets.UTF_8),
                Optional.empty(), Instant.EPOCH);
    }

    static String text(CachedAnswer answer) {
        String json = new String(answer.json(), StandardCharsets.UTF_8);
        return json.substring("{\"answer\":\"".length(), json.length() - 2);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
