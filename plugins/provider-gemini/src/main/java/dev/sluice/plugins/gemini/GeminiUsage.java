package dev.sluice.plugins.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.sluice.spi.model.Usage;
import java.util.Map;

/**
 * Gemini's {@code usageMetadata} as OpenAI usage: every input token in {@code prompt_tokens}
 * ({@code promptTokenCount}, which already includes the cached {@code cachedContentTokenCount},
 * plus {@code toolUsePromptTokenCount}), every output token in {@code completion_tokens}
 * ({@code candidatesTokenCount} plus the thinking {@code thoughtsTokenCount}), their sum in
 * {@code total_tokens} (which is Gemini's {@code totalTokenCount}), cache reads in
 * {@code prompt_tokens_details.cached_tokens} and thinking in
 * {@code completion_tokens_details.reasoning_tokens}.
 */
final class GeminiUsage {

    private GeminiUsage() {
    }

    /** The usage, or {@code null} when the answer has no {@code usageMetadata}. */
    static Usage of(JsonNode metadata) {
        if (metadata == null || !metadata.isObject()) {
            return null;
        }
        int prompt = count(metadata, "promptTokenCount") + count(metadata, "toolUsePromptTokenCount");
        int thoughts = count(metadata, "thoughtsTokenCount");
        int completion = count(metadata, "candidatesTokenCount") + thoughts;
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        return new Usage(prompt, completion, prompt + completion,
                nodes.objectNode().put("cached_tokens", count(metadata, "cachedContentTokenCount")),
                nodes.objectNode().put("reasoning_tokens", thoughts), Map.of());
    }

    private static int count(JsonNode metadata, String field) {
        return metadata.path(field).asInt(0);
    }
}
