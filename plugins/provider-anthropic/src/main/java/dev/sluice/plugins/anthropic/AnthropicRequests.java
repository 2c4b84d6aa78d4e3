package dev.sluice.plugins.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.spi.ErrorType;
import dev.sluice.spi.GatewayException;
import dev.sluice.spi.json.Json;
import dev.sluice.spi.model.ChatRequest;
import dev.sluice.spi.model.ResponseFormat;
import java.util.List;
import java.util.Optional;

/**
 * A canonical (OpenAI) chat request as the body of Anthropic's {@code POST /v1/messages}. Pure:
 * JSON in, JSON out.
 *
 * <p>Besides the conversation ({@link AnthropicTurns}) and tools ({@link AnthropicTools}):
 * {@code max_completion_tokens} or {@code max_tokens} → {@code max_tokens} (else the configured
 * default, since Anthropic requires it); {@code stop} → {@code stop_sequences};
 * {@code temperature} and {@code top_p} as they are; {@code user} (or a carried
 * {@code metadata.user_id}) → {@code metadata.user_id};
 * {@code response_format} {@code json_schema} → {@code output_config.format}. {@code n} above 1
 * is refused. Anthropic's own parameters that a request may carry among its extra fields
 * ({@code top_k}, {@code thinking}, …) go out as they came; every other OpenAI parameter
 * ({@code seed}, penalties, {@code logprobs}, a {@code json_object} format, …) has no Anthropic
 * counterpart and is left out.
 */
final class AnthropicRequests {
    /** Anthropic request fields a canonical request can only carry as extra fields. */
    static final List<String> NATIVE_FIELDS = List.of("top_k", "thinking", "output_config", "cache_control",
            "container", "mcp_servers", "context_management", "inference_geo");

    private AnthropicRequests() {
    }

    /**
     * The Anthropic body for a request.
     *
     * @param request the canonical request, its model already the upstream's
     * @param defaultMaxTokens the {@code max_tokens} when the request sets no cap
     * @param stream whether to ask for an event stream
     * @throws GatewayException (400) for what Anthropic cannot serve
     */
    static ObjectNode translate(ChatRequest request, int defaultMaxTokens, boolean stream) {
        if (request.n() != null && request.n() > 1) {
            throw new GatewayException(ErrorType.INVALID_REQUEST,
                    "Anthropic answers with one choice only; n must be 1").withParam("n");
        }
        ObjectNode body = Json.mapper().createObjectNode();
        for (String field : NATIVE_FIELDS) {
            JsonNode value = request.extra().get(field);
            if (value != null && !value.isNull()) {
                body.set(field, value.deepCopy());
            }
        }
        body.put("model", request.model());
        body.put("max_tokens", request.effectiveMaxTokens().orElse(defaultMaxTokens));
        AnthropicTurns turns = AnthropicTurns.of(request.messagesOrEmpty());
        if (!turns.system().isEmpty()) {
            body.set("system", turns.systemJson());
        }
        body.set("messages", turns.messages());
        if (request.tools() != null && !request.tools().isEmpty()) {
            body.set("tools", AnthropicTools.tools(request.tools()));
            AnthropicTools.choice(request.toolChoice(), request.parallelToolCalls())
                    .ifPresent(choice -> body.set("tool_choice", choice));
        }
        stopSequences(request.stop()).ifPresent(stops -> body.set("stop_sequences", stops));
        if (request.temperature() != null) {
            body.put("temperature", request.temperature());
        }
        if (request.topP() != null) {
            body.put("top_p", request.topP());
        }
        userId(request).ifPresent(user -> body.putObject("metadata").put("user_id", user));
        outputFormat(request.responseFormat()).ifPresent(format -> object(body, "output_config").set("format", format));
        if (stream) {
            body.put("stream", true);
        }
        return body;
    }

    /**
     * The end user: OpenAI's {@code user}, else a {@code metadata.user_id} the request carries.
     * The rest of a {@code metadata} object is OpenAI's (stored-completion tags), which Anthropic
     * would refuse.
     */
    private static Optional<String> userId(ChatRequest request) {
        if (request.user() != null && !request.user().isBlank()) {
            return Optional.of(request.user());
        }
        JsonNode metadataUser = request.extra().getOrDefault("metadata", Json.mapper().missingNode()).path("user_id");
        return metadataUser.isTextual() && !metadataUser.asText().isBlank() ? Optional.of(metadataUser.asText())
                : Optional.empty();
    }

    private static Optional<ArrayNode> stopSequences(JsonNode stop) {
        if (stop == null || stop.isNull()) {
            return Optional.empty();
        }
        ArrayNode stops = Json.mapper().createArrayNode();
        if (stop.isTextual()) {
            stops.add(stop.asText());
        } else if (stop.isArray()) {
            for (JsonNode each : stop) {
                if (!each.isTextual()) {
                    throw new GatewayException(ErrorType.INVALID_REQUEST, "stop must be a string or a list of strings")
                            .withParam("stop");
                }
                stops.add(each.asText());
            }
        } else {
            throw new GatewayException(ErrorType.INVALID_REQUEST, "stop must be a string or a list of strings")
                    .withParam("stop");
        }
        return stops.isEmpty() ? Optional.empty() : Optional.of(stops);
    }

    /**
     * {@code json_schema} → Anthropic's structured output format {@code {type: json_schema,
     * schema}}. A {@code json_object} format has no Anthropic form without a schema; OpenAI requires
     * its prompt to ask for JSON anyway, so it is left to the prompt.
     */
    private static Optional<ObjectNode> outputFormat(ResponseFormat format) {
        if (format == null || !"json_schema".equals(format.type())) {
            return Optional.empty();
        }
        JsonNode schema = format.jsonSchema() == null ? null : format.jsonSchema().get("schema");
        if (schema == null || !schema.isObject()) {
            throw new GatewayException(ErrorType.INVALID_REQUEST, "response_format json_schema needs a schema object")
                    .withParam("response_format.json_schema.schema");
        }
        ObjectNode out = Json.mapper().createObjectNode();
        out.put("type", "json_schema");
        out.set("schema", schema);
        return Optional.of(out);
    }

    /** The object under a key, created if absent (so a carried output_config keeps its other fields). */
    private static ObjectNode object(ObjectNode body, String key) {
        JsonNode existing = body.get(key);
        if (existing instanceof ObjectNode object) {
            return object;
        }
        return body.putObject(key);
    }
}
