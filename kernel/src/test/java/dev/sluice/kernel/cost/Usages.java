package dev.sluice.kernel.cost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.spi.model.Usage;
import java.util.Map;

/** Normalised usage as each provider plugin builds it from its upstream's own counts. */
final class Usages {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Usages() {
    }

    /** OpenAI (and Azure, Groq, Fireworks, OpenRouter): cache reads inside {@code prompt_tokens}. */
    static Usage openai(int prompt, int cached, int completion, int reasoning) {
        return new Usage(prompt, completion, prompt + completion, NODES.objectNode().put("cached_tokens", cached),
                NODES.objectNode().put("reasoning_tokens", reasoning), Map.of());
    }

    /**
     * Anthropic: its {@code input_tokens} leave cache reads and writes out; the plugin adds them
     * back into {@code prompt_tokens}.
     */
    static Usage anthropic(int input, int cacheRead, int cacheWrite, int output) {
        int prompt = input + cacheRead + cacheWrite;
        ObjectNode details = NODES.objectNode().put("cached_tokens", cacheRead)
                .put("cache_creation_tokens", cacheWrite);
        return new Usage(prompt, output, prompt + output, details, null, Map.of());
    }

    /** Gemini: {@code promptTokenCount} includes {@code cachedContentTokenCount}; thoughts are output. */
    static Usage gemini(int promptTokenCount, int cachedContent, int candidates, int thoughts) {
        int completion = candidates + thoughts;
        return new Usage(promptTokenCount, completion, promptTokenCount + completion,
                NODES.objectNode().put("cached_tokens", cachedContent),
                NODES.objectNode().put("reasoning_tokens", thoughts), Map.of());
    }

    /** Cohere: {@code tokens.input_tokens} and {@code tokens.output_tokens}, no cache. */
    static Usage cohere(int input, int output) {
        return new Usage(input, output, input + output, NODES.objectNode().put("cached_tokens", 0), null, Map.of());
    }

    /**
     * DeepSeek, relayed as it sends it: cache hits as {@code prompt_cache_hit_tokens} next to
     * {@code prompt_tokens}, reasoning inside {@code completion_tokens}.
     */
    static Usage deepseek(int prompt, int cacheHits, int completion, int reasoning) {
        Map<String, JsonNode> extra = Map.of("prompt_cache_hit_tokens", NODES.numberNode(cacheHits),
                "prompt_cache_miss_tokens", NODES.numberNode(prompt - cacheHits));
        return new Usage(prompt, completion, prompt + completion, null,
                NODES.objectNode().put("reasoning_tokens", reasoning), extra);
    }

    /** Embeddings: input tokens only. */
    static Usage embeddings(int input) {
        return new Usage(input, 0, input, null, null, Map.of());
    }
}
