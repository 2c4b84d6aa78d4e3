package dev.sluice.plugins.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.sluice.spi.json.Json;
import dev.sluice.spi.model.ChatResponse;
import dev.sluice.spi.model.Choice;
import dev.sluice.spi.model.Content;
import dev.sluice.spi.model.Message;
import dev.sluice.spi.model.ToolCall;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An Anthropic {@code Message} as an OpenAI {@code chat.completion}. Pure: JSON in, record out.
 * <ul>
 *   <li>{@code text} blocks, joined, are the {@code content}; with only tool calls and no text
 *       there is no content;</li>
 *   <li>{@code tool_use} blocks are the {@code tool_calls} (same id and name, {@code arguments} =
 *       the input as a JSON string);</li>
 *   <li>{@code thinking} blocks, joined, go to the message's {@code reasoning_content} (the
 *       field DeepSeek uses); their signatures, {@code redacted_thinking} blocks and server tool
 *       blocks ({@code server_tool_use}, {@code web_search_tool_result}, …) have no OpenAI form
 *       and are left out;</li>
 *   <li>{@code stop_reason} becomes the {@code finish_reason} ({@link AnthropicStopReasons}) and
 *       {@code usage} the OpenAI usage ({@link AnthropicUsage}).</li>
 * </ul>
 */
final class AnthropicAnswers {

    private AnthropicAnswers() {
    }

    /**
     * The OpenAI answer.
     *
     * @param message the Anthropic message
     * @param requestModel the model asked for, used when the answer names none
     * @param created the creation time to report, seconds since the epoch
     */
    static ChatResponse translate(JsonNode message, String requestModel, long created) {
        StringBuilder text = new StringBuilder();
        StringBuilder thinking = new StringBuilder();
        boolean hasText = false;
        boolean hasThinking = false;
        List<ToolCall> calls = new ArrayList<>();
        for (JsonNode block : message.path("content")) {
            switch (block.path("type").asText()) {
                case "text" -> {
                    text.append(block.path("text").asText());
                    hasText = true;
                }
                case "tool_use" -> calls.add(ToolCall.function(block.path("id").asText(), block.path("name").asText(),
                        Json.string(block.path("input").isObject() ? block.get("input")
                                : Json.mapper().createObjectNode())));
                case "thinking" -> {
                    thinking.append(block.path("thinking").asText());
                    hasThinking = true;
                }
                default -> {
                    // No OpenAI form: see the class comment.
                }
            }
        }
        Content content = hasText || calls.isEmpty() ? Content.text(text.toString()) : null;
        Map<String, JsonNode> extra = hasThinking ? Map.of("reasoning_content", TextNode.valueOf(thinking.toString()))
                : Map.of();
        Message answer = new Message("assistant", content, null, calls.isEmpty() ? null : calls, null, null, extra);
        String stopReason = message.path("stop_reason").isTextual() ? message.get("stop_reason").asText() : null;
        Choice choice = new Choice(0, answer, AnthropicStopReasons.finishReason(stopReason), null, Map.of());
        return new ChatResponse(message.path("id").asText(null), ChatResponse.OBJECT, created,
                modelOf(message, requestModel), List.of(choice), AnthropicUsage.of(message.get("usage")).toOpenAi(),
                null, Map.of());
    }

    /** The model the upstream reports, else the one asked for. */
    static String modelOf(JsonNode message, String requestModel) {
        JsonNode model = message.path("model");
        return model.isTextual() && !model.asText().isBlank() ? model.asText() : requestModel;
    }
}
