package dev.sluice.plugins.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.spi.json.Json;
import dev.sluice.spi.model.Usage;
import java.util.Map;

/**
 * Anthropic's token counts and their OpenAI form. Anthropic counts uncached input
 * ({@code input_tokens}), cache reads and cache writes apart; OpenAI's {@code prompt_tokens}
 * counts all input, so it is their sum, with {@code prompt_tokens_details.cached_tokens} = cache
 * reads and {@code prompt_tokens_details.cache_creation_tokens} = cache writes (when Anthropic
 * reports them). {@code completion_tokens} = {@code output_tokens}, thinking included;
 * {@code completion_tokens_details.reasoning_tokens} = {@code output_tokens_details.thinking_tokens}
 * when reported.
 *
 * @param input uncached input tokens
 * @param output output tokens
 * @param cacheRead input tokens read from the cache
 * @param cacheCreation input tokens written to the cache, or {@code null} when not reported
 * @param thinking output tokens spent thinking, or {@code null} when not reported
 */
record AnthropicUsage(int input, int output, int cacheRead, Integer cacheCreation, Integer thinking) {

    /** Nothing counted yet. */
    static final AnthropicUsage NONE = new AnthropicUsage(0, 0, 0, null, null);

    /** A message's {@code usage} object. */
    static AnthropicUsage of(JsonNode usage) {
        return NONE.updatedBy(usage);
    }

    /**
     * These counts updated by a later report, such as a stream's {@code message_delta} usage:
     * its counts are cumulative, so each one present replaces the earlier one and each one absent
     * keeps it.
     */
    AnthropicUsage updatedBy(JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return this;
        }
        return new AnthropicUsage(
                count(usage, "input_tokens", input),
                count(usage, "output_tokens", output),
                count(usage, "cache_read_input_tokens", cacheRead),
                usage.path("cache_creation_input_tokens").isNumber()
                        ? Integer.valueOf(usage.path("cache_creation_input_tokens").asInt()) : cacheCreation,
                usage.path("output_tokens_details").path("thinking_tokens").isNumber()
                        ? Integer.valueOf(usage.path("output_tokens_details").path("thinking_tokens").asInt())
                        : thinking);
    }

    /** The OpenAI usage. */
    Usage toOpenAi() {
        int prompt = input + cacheRead + (cacheCreation == null ? 0 : cacheCreation);
        ObjectNode promptDetails = Json.mapper().createObjectNode();
        promptDetails.put("cached_tokens", cacheRead);
        if (cacheCreation != null) {
            promptDetails.put("cache_creation_tokens", cacheCreation);
        }
        ObjectNode completionDetails = null;
        if (thinking != null) {
            completionDetails = Json.mapper().createObjectNode();
            completionDetails.put("reasoning_tokens", thinking);
        }
        return new Usage(prompt, output, prompt + output, promptDetails, completionDetails, Map.of());
    }

    private static int count(JsonNode usage, String field, int otherwise) {
        JsonNode value = usage.path(field);
        return value.isNumber() ? value.asInt() : otherwise;
    }
}
