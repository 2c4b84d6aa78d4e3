package dev.sluice.kernel.http.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.spi.model.Usage;

/**
 * Canonical usage as Anthropic reports it: Anthropic's {@code input_tokens} leave out the tokens
 * read from or written to the prompt cache, which it counts separately, while the canonical
 * {@code prompt_tokens} include them.
 */
final class AnthropicUsage {
    private AnthropicUsage() {
    }

    static ObjectNode of(Usage usage) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        if (usage == null) {
            out.put("input_tokens", 0);
            out.put("output_tokens", 0);
            return out;
        }
        int cacheRead = detail(usage.promptTokensDetails(), "cached_tokens");
        int cacheWrite = detail(usage.promptTokensDetails(), "cache_creation_tokens");
        out.put("input_tokens", Math.max(0, usage.promptTokens() - cacheRead - cacheWrite));
        out.put("cache_creation_input_tokens", cacheWrite);
        out.put("cache_read_input_tokens", cacheRead);
        out.put("output_tokens", usage.completionTokens());
        return out;
    }

    private static int detail(JsonNode details, String field) {
        return details == null ? 0 : details.path(field).asInt(0);
    }
}
