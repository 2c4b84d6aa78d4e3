package dev.sluice.plugins.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.sluice.spi.json.Json;
import dev.sluice.spi.model.FunctionCall;
import dev.sluice.spi.model.ToolCall;
import java.util.ArrayList;
import java.util.List;

/**
 * What OpenAI can carry of a candidate's {@code parts}: the text of its text parts, and its
 * {@code functionCall} parts as tool calls. Thought summaries ({@code "thought": true}) are the
 * model's reasoning, not its answer, and are left out; so are parts OpenAI has no place for
 * (inline images, executable code and its results).
 */
final class GeminiParts {

    private GeminiParts() {
    }

    /** Whether a part is answer text. */
    static boolean isText(JsonNode part) {
        return part.path("text").isTextual() && !part.path("thought").asBoolean(false);
    }

    /** Whether a part is a function call. */
    static boolean isFunctionCall(JsonNode part) {
        return part.path("functionCall").isObject();
    }

    /** The answer text of the parts, joined. */
    static String text(JsonNode parts) {
        StringBuilder text = new StringBuilder();
        for (JsonNode part : parts) {
            if (isText(part)) {
                text.append(part.path("text").asText());
            }
        }
        return text.toString();
    }

    /**
     * The function calls of the parts as tool calls: the call's own {@code id} when it has one,
     * else a new {@code call_…} id; {@code args} as a JSON string; the thought signature in
     * {@code extra_content}.
     *
     * @param firstIndex the stream index of the first call, or {@code null} for a complete answer
     */
    static List<ToolCall> toolCalls(JsonNode parts, Ids ids, Integer firstIndex) {
        List<ToolCall> calls = new ArrayList<>();
        for (JsonNode part : parts) {
            if (isFunctionCall(part)) {
                Integer index = firstIndex == null ? null : firstIndex + calls.size();
                calls.add(toolCall(part, ids, index));
            }
        }
        return calls;
    }

    private static ToolCall toolCall(JsonNode part, Ids ids, Integer index) {
        JsonNode call = part.path("functionCall");
        String id = call.path("id").isTextual() && !call.path("id").asText().isEmpty() ? call.path("id").asText()
                : ids.callId();
        JsonNode args = call.path("args").isObject() ? call.path("args") : JsonNodeFactory.instance.objectNode();
        return new ToolCall(index, id, "function", new FunctionCall(call.path("name").asText(""), Json.string(args)),
                ThoughtSignatures.toolCallExtra(part));
    }
}
