package dev.sluice.plugins.cohere;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.sluice.spi.model.ChatResponse;
import dev.sluice.spi.model.Choice;
import dev.sluice.spi.model.Content;
import dev.sluice.spi.model.Message;
import dev.sluice.spi.model.ToolCall;
import dev.sluice.spi.model.Usage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Cohere v2 chat answer as an OpenAI {@link ChatResponse}: pure, JSON in and records out. Also
 * the finish reasons and usage that streams share.
 *
 * <p>The answer's {@code text} items become {@code content}; {@code thinking} items become the
 * message's {@code reasoning_content}; {@code tool_plan} and {@code citations} are kept as extra
 * message fields of those names. Cohere does not echo the model, so the request's model is used.
 */
final class CohereAnswers {
    /** The finish reason of a failed generation; the provider reports it as an upstream failure. */
    static final String ERROR = "ERROR";

    private CohereAnswers() {
    }

    /**
     * The OpenAI answer.
     *
     * @param answer Cohere's response body
     * @param model the model the request named
     * @param created the answer's time, seconds since the epoch
     * @throws IllegalArgumentException when the body is not a Cohere chat answer
     */
    static ChatResponse chat(JsonNode answer, String model, long created) {
        JsonNode message = answer.path("message");
        if (!message.isObject()) {
            throw new IllegalArgumentException("the answer has no message");
        }
        StringBuilder text = new StringBuilder();
        StringBuilder thinking = new StringBuilder();
        for (JsonNode item : message.path("content")) {
            switch (item.path("type").asText()) {
                case "text" -> text.append(item.path("text").asText());
                case "thinking" -> thinking.append(item.path("thinking").asText());
                default -> {
                }
            }
        }
        List<ToolCall> calls = new ArrayList<>();
        for (JsonNode call : message.path("tool_calls")) {
            JsonNode function = call.path("function");
            calls.add(ToolCall.function(call.path("id").asText(), function.path("name").asText(),
                    function.path("arguments").isTextual() ? function.path("arguments").asText() : "{}"));
        }
        Map<String, JsonNode> extra = new LinkedHashMap<>();
        if (!thinking.isEmpty()) {
            extra.put("reasoning_content", TextNode.valueOf(thinking.toString()));
        }
        if (message.path("tool_plan").isTextual() && !message.path("tool_plan").asText().isEmpty()) {
            extra.put("tool_plan", message.path("tool_plan"));
        }
        if (message.path("citations").isArray() && !message.path("citations").isEmpty()) {
            extra.put("citations", message.path("citations"));
        }
        Message out = new Message("assistant", text.isEmpty() && !calls.isEmpty() ? null : Content.text(text.toString()),
                null, calls.isEmpty() ? null : calls, null, null, extra);
        String finish = finishReason(answer.path("finish_reason").asText(null), !calls.isEmpty());
        return new ChatResponse(answer.path("id").asText(null), ChatResponse.OBJECT, created, model,
                List.of(new Choice(0, out, finish, null, Map.of())), usage(answer.path("usage")).orElse(null), null,
                Map.of());
    }

    /**
     * OpenAI's finish reason for Cohere's: {@code COMPLETE} and {@code STOP_SEQUENCE} stop;
     * {@code MAX_TOKENS} and {@code TIMEOUT} (stopped at Cohere's time limit) cut the answer short,
     * which is {@code length}; {@code TOOL_CALL} is {@code tool_calls}. Anything else, or none, is
     * {@code tool_calls} when the answer calls tools and {@code stop} otherwise.
     */
    static String finishReason(String cohere, boolean callsTools) {
        return switch (cohere == null ? "" : cohere) {
            case "COMPLETE", "STOP_SEQUENCE" -> "stop";
            case "MAX_TOKENS", "TIMEOUT" -> "length";
            case "TOOL_CALL" -> "tool_calls";
            default -> callsTools ? "tool_calls" : "stop";
        };
    }

    /**
     * OpenAI usage from Cohere's: {@code tokens} (everything the model read and wrote, prompt
     * template included) before {@code billed_units}; {@code cached_tokens} as the cache reads.
     */
    static Optional<Usage> usage(JsonNode usage) {
        if (!usage.isObject()) {
            return Optional.empty();
        }
        int input = count(usage, "input_tokens");
        int output = count(usage, "output_tokens");
        int cached = (int) Math.round(usage.path("cached_tokens").asDouble(0));
        JsonNode details = JsonNodeFactory.instance.objectNode().put("cached_tokens", cached);
        return Optional.of(new Usage(input, output, input + output, details, null, Map.of()));
    }

    private static int count(JsonNode usage, String field) {
        JsonNode tokens = usage.path("tokens").path(field);
        JsonNode value = tokens.isNumber() ? tokens : usage.path("billed_units").path(field);
        return (int) Math.round(value.asDouble(0));
    }

    /** Whether an answer reports a failed generation. */
    static boolean failed(JsonNode answer) {
        return ERROR.equals(answer.path("finish_reason").asText());
    }
}
