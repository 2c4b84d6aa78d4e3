package dev.sluice.plugins.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.spi.model.ChatRequest;
import dev.sluice.spi.model.ResponseFormat;
import java.util.Optional;

/**
 * The sampling fields of an OpenAI request as Gemini's {@code generationConfig}:
 * {@code temperature}, {@code top_p} → {@code topP}, {@code max_completion_tokens} (or
 * {@code max_tokens}) → {@code maxOutputTokens}, {@code stop} → {@code stopSequences},
 * {@code n} → {@code candidateCount}, {@code seed}, {@code presence_penalty} /
 * {@code frequency_penalty}, and {@code response_format} → {@code responseMimeType} plus
 * {@code responseJsonSchema} (standard JSON Schema, sent unchanged).
 */
final class GeminiGenerationConfig {
    private static final String JSON = "application/json";

    private GeminiGenerationConfig() {
    }

    /** The config; empty when the request sets none of these fields. */
    static ObjectNode of(ChatRequest request) {
        ObjectNode config = JsonNodeFactory.instance.objectNode();
        if (request.temperature() != null) {
            config.put("temperature", request.temperature());
        }
        if (request.topP() != null) {
            config.put("topP", request.topP());
        }
        request.effectiveMaxTokens().ifPresent(max -> config.put("maxOutputTokens", max));
        stopSequences(request.stop()).ifPresent(stop -> config.set("stopSequences", stop));
        if (request.n() != null && request.n() != 1) {
            config.put("candidateCount", request.n());
        }
        if (request.seed() != null) {
            config.put("seed", request.seed());
        }
        if (request.presencePenalty() != null) {
            config.put("presencePenalty", request.presencePenalty());
        }
        if (request.frequencyPenalty() != null) {
            config.put("frequencyPenalty", request.frequencyPenalty());
        }
        responseFormat(request.responseFormat(), config);
        return config;
    }

    private static Optional<ArrayNode> stopSequences(JsonNode stop) {
        if (stop == null || stop.isNull()) {
            return Optional.empty();
        }
        ArrayNode sequences = JsonNodeFactory.instance.arrayNode();
        if (stop.isTextual()) {
            sequences.add(stop.asText());
        } else if (stop.isArray()) {
            for (JsonNode item : stop) {
                if (!item.isTextual()) {
                    throw InvalidRequest.at("stop", "expected a string or a list of strings");
                }
                sequences.add(item.asText());
            }
        } else {
            throw InvalidRequest.at("stop", "expected a string or a list of strings");
        }
        return sequences.isEmpty() ? Optional.empty() : Optional.of(sequences);
    }

    private static void responseFormat(ResponseFormat format, ObjectNode config) {
        if (format == null || format.type() == null || format.type().equals("text")) {
            return;
        }
        switch (format.type()) {
            case "json_object" -> config.put("responseMimeType", JSON);
            case "json_schema" -> {
                config.put("responseMimeType", JSON);
                JsonNode schema = format.jsonSchema() == null ? null : format.jsonSchema().get("schema");
                if (schema != null && !schema.isNull()) {
                    config.set("responseJsonSchema", schema);
                }
            }
            default -> throw InvalidRequest.at("response_format.type",
                    "expected text, json_object or json_schema, got '" + format.type() + "'");
        }
    }
}
