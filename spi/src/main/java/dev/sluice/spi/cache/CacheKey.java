package dev.sluice.spi.cache;

import dev.sluice.spi.model.ChatRequest;
import java.time.Duration;
import java.util.Objects;

/**
 * What identifies a cacheable request, computed once by the kernel.
 *
 * @param hash hex SHA-256 of the canonical request (route, messages, tools, every parameter that
 *     changes the answer; key order and whitespace do not matter) and the scope: the exact key
 * @param scope the partition of callers that may share entries: {@code key:<id>},
 *     {@code user:<id>}, {@code team:<name>} or {@code global}
 * @param route the model route
 * @param partition hex SHA-256 of the scope, the route, the system prompt and every parameter
 *     that changes the answer except the conversation itself: a semantic store compares prompts
 *     only within one partition
 * @param prompt the conversation without its system prompt, as text: what a semantic store embeds
 * @param request the request
 * @param ttl how long a stored answer may be served
 */
public record CacheKey(String hash, String scope, String route, String partition, String prompt,
        ChatRequest request, Duration ttl) {

    public CacheKey {
        Objects.requireNonNull(hash);
        Objects.requireNonNull(scope);
        Objects.requireNonNull(route);
        Objects.requireNonNull(partition);
        Objects.requireNonNull(prompt);
        Objects.requireNonNull(request);
        Objects.requireNonNull(ttl);
    }
}
