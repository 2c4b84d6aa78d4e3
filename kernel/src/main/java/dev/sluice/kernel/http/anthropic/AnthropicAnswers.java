package dev.sluice.kernel.http.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.spi.json.Json;
import dev.sluice.spi.model.ChatResponse;
import dev.sluice.spi.model.Choice;
import dev.sluice.spi.model.Message;
import dev.sluice.spi.model.ToolCall;
import java.io.IOException;

/**
 * Translates a canonical chat answer into an Anthropic {@code message}: the first choice's text
 * as a text block, its tool calls as {@code tool_use} blocks (arguments parsed back into the
 * {@code input} object), the finish reason as {@code stop_reason}, and the usage with cache
 * reads and writes apart.
 */
final class AnthropicAnswers {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private AnthropicAnswers() {
    }

    static ObjectNode of(ChatResponse answer, String fallbackId) {
        ObjectNode out = JSON.objectNode();
        out.put("id", MessageIds.of(answer.id(), fallbackId));
        out.put("type", "message");
        out.put("role", "assistant");
        out.put("model", answer.model());
        ArrayNode content = out.putArray("content");
        Choice choice = answer.choices().isEmpty() ? null : answer.choices().get(0);
        Message message = choice == null ? null : choice.message();
        if (message != null) {
            String text = message.text();
            if (!text.isEmpty()) {
                content.addObject().put("type", "text").put("text", text);
            } else if (message.refusal() != null) {
                content.addObject().put("type", "text").put("text", message.refusal());
            }
            if (message.toolCalls() != null) {
                for (ToolCall call : message.toolCalls()) {
                    ObjectNode block = content.addObject();
                    block.put("type", "tool_use");
                    block.put("id", call.id());
                    block.put("name", call.function().name());
                    block.set("input", input(call.function().arguments()));
                }
            }
        }
        out.put("stop_reason", StopReasons.of(choice == null ? null : choice.finishReason()));
        out.putNull("stop_sequence");
        out.set("usage", AnthropicUsage.of(answer.usage()));
        return out;
    }

    /**
     * Tool arguments as the object Anthropic's {@code input} must be. Models sometimes produce
     * arguments that are not a JSON object; those are kept as text rather than lost.
     */
    static JsonNode input(String arguments) {
        if (arguments == null || arguments.isBlank()) {
            return JSON.objectNode();
        }
        try {
            JsonNode parsed = Json.mapper().readTree(arguments);
            return parsed != null && parsed.isObject() ? parsed : JSON.objectNode().put("value", arguments);
        } catch (IOException e) {
            return JSON.objectNode().put("value", arguments);
        }
    }
}
