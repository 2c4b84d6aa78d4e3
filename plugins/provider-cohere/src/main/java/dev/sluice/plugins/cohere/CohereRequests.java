package dev.sluice.plugins.cohere;

import static dev.sluice.plugins.cohere.CohereMessages.invalid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.spi.model.ChatRequest;
import dev.sluice.spi.model.FunctionDefinition;
import dev.sluice.spi.model.ResponseFormat;
import dev.sluice.spi.model.Tool;
import java.util.List;
import java.util.Optional;

/**
 * An OpenAI chat request as a Cohere v2 {@code POST /v2/chat} body: pure, JSON in and JSON out.
 * What Cohere cannot do ({@code n > 1}, non-function tools, content it does not take) is refused
 * with a 400 before anything is sent; OpenAI-only fields with no Cohere counterpart
 * ({@code user}, {@code parallel_tool_calls}, {@code logprobs}, {@code stream_options}, …) are
 * left out.
 */
final class CohereRequests {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** Cohere's own request fields, taken from the request's extra fields as they are. */
    static final List<String> NATIVE_FIELDS = List.of("documents", "citation_options", "safety_mode", "k",
            "thinking", "priority", "strict_tools");

    private CohereRequests() {
    }

    /**
     * The Cohere body.
     *
     * @param request the canonical request; its {@code model} is the upstream model
     * @param stream whether the answer is to be streamed
     */
    static ObjectNode chat(ChatRequest request, boolean stream) {
        if (request.n() != null && request.n() > 1) {
            throw invalid("n", "Cohere generates one choice per request; n must be 1");
        }
        ObjectNode body = JSON.objectNode();
        body.put("model", request.model());
        body.set("messages", CohereMessages.of(request.messagesOrEmpty()));
        List<Tool> tools = tools(request);
        if (!tools.isEmpty()) {
            body.set("tools", toolsJson(tools));
        }
        toolChoice(request.toolChoice()).ifPresent(choice -> body.put("tool_choice", choice));
        responseFormat(request.responseFormat()).ifPresent(format -> body.set("response_format", format));
        request.effectiveMaxTokens().ifPresent(max -> body.put("max_tokens", max));
        stopSequences(request.stop()).ifPresent(stop -> body.set("stop_sequences", stop));
        if (request.temperature() != null) {
            body.put("temperature", request.temperature());
        }
        if (request.topP() != null) {
            body.put("p", request.topP());
        }
        if (request.seed() != null) {
            body.put("seed", request.seed());
        }
        if (request.frequencyPenalty() != null) {
            body.put("frequency_penalty", request.frequencyPenalty());
        }
        if (request.presencePenalty() != null) {
            body.put("presence_penalty", request.presencePenalty());
        }
        if (tools.stream().anyMatch(tool -> Boolean.TRUE.equals(tool.function().strict()))) {
            // Cohere's strictness is per request, not per tool: one strict tool asks for it.
            body.put("strict_tools", true);
        }
        for (String field : NATIVE_FIELDS) {
            JsonNode value = request.extra().get(field);
            if (value != null && !value.isNull()) {
                body.set(field, value);
            }
        }
        body.put("stream", stream);
        return body;
    }

    /** The offered tools; a named {@code tool_choice} narrows them to the one it names. */
    private static List<Tool> tools(ChatRequest request) {
        List<Tool> tools = request.tools() == null ? List.of() : request.tools();
        for (int i = 0; i < tools.size(); i++) {
            Tool tool = tools.get(i);
            if (!"function".equals(tool.type()) || tool.function() == null || tool.function().name() == null) {
                throw invalid("tools[" + i + "]", "Cohere only takes function tools with a name");
            }
        }
        Optional<String> named = namedFunction(request.toolChoice());
        if (named.isEmpty()) {
            return tools;
        }
        // Cohere cannot force one particular tool; offering only that tool and requiring a call can.
        List<Tool> chosen = tools.stream().filter(tool -> tool.function().name().equals(named.get())).toList();
        if (chosen.isEmpty()) {
            throw invalid("tool_choice", "tool_choice names function '" + named.get() + "', which is not among tools");
        }
        return chosen;
    }

    private static ArrayNode toolsJson(List<Tool> tools) {
        ArrayNode out = JSON.arrayNode();
        for (Tool tool : tools) {
            FunctionDefinition function = tool.function();
            ObjectNode definition = out.addObject().put("type", "function").putObject("function");
            definition.put("name", function.name());
            if (function.description() != null) {
                definition.put("description", function.description());
            }
            JsonNode parameters = function.parameters();
            if (parameters == null || parameters.isNull()) {
                // Cohere requires a schema; a function without parameters takes an empty object.
                parameters = JSON.objectNode().put("type", "object").set("properties", JSON.objectNode());
            }
            definition.set("parameters", parameters);
        }
        return out;
    }

    private static Optional<String> toolChoice(JsonNode choice) {
        if (choice == null || choice.isNull()) {
            return Optional.empty();
        }
        if (choice.isObject()) {
            return Optional.of("REQUIRED");
        }
        return switch (choice.asText()) {
            case "auto" -> Optional.empty();
            case "none" -> Optional.of("NONE");
            case "required" -> Optional.of("REQUIRED");
            default -> throw invalid("tool_choice", "tool_choice must be auto, none, required or a named function");
        };
    }

    private static Optional<String> namedFunction(JsonNode choice) {
        if (choice == null || !choice.isObject()) {
            return Optional.empty();
        }
        JsonNode name = choice.path("function").path("name");
        if (!name.isTextual()) {
            throw invalid("tool_choice", "a named tool_choice needs function.name");
        }
        return Optional.of(name.asText());
    }

    private static Optional<ObjectNode> responseFormat(ResponseFormat format) {
        if (format == null || format.type() == null || format.type().equals("text")) {
            return Optional.empty();
        }
        ObjectNode out = JSON.objectNode().put("type", "json_object");
        switch (format.type()) {
            case "json_object" -> {
            }
            case "json_schema" -> {
                JsonNode schema = format.jsonSchema() == null ? null : format.jsonSchema().get("schema");
                if (schema != null && schema.isObject()) {
                    out.set("json_schema", schema);
                }
            }
            default -> throw invalid("response_format.type",
                    "response_format type '" + format.type() + "' is not supported by Cohere");
        }
        return Optional.of(out);
    }

    private static Optional<ArrayNode> stopSequences(JsonNode stop) {
        if (stop == null || stop.isNull()) {
            return Optional.empty();
        }
        ArrayNode out = JSON.arrayNode();
        if (stop.isTextual()) {
            out.add(stop.asText());
        } else if (stop.isArray()) {
            stop.forEach(item -> out.add(item.asText()));
        } else {
            throw invalid("stop", "stop must be a string or a list of strings");
        }
        return out.isEmpty() ? Optional.empty() : Optional.of(out);
    }
}
