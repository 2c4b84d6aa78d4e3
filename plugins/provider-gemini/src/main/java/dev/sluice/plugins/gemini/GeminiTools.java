package dev.sluice.plugins.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.spi.model.FunctionDefinition;
import dev.sluice.spi.model.Tool;
import java.util.List;
import java.util.Optional;

/**
 * OpenAI {@code tools} and {@code tool_choice} in Gemini's form. Parameter schemas go out
 * unchanged as {@code parametersJsonSchema}, the field that takes standard JSON Schema
 * ({@code additionalProperties}, {@code $schema}, {@code anyOf}, type lists, …), so that no
 * schema keyword is lost or has to be rewritten into Gemini's OpenAPI subset ({@code parameters}).
 */
final class GeminiTools {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private GeminiTools() {
    }

    /** {@code [{"functionDeclarations": [...]}]}, or empty when there are no tools. */
    static Optional<ArrayNode> declarations(List<Tool> tools) {
        if (tools == null || tools.isEmpty()) {
            return Optional.empty();
        }
        ArrayNode declarations = NODES.arrayNode();
        for (int i = 0; i < tools.size(); i++) {
            declarations.add(declaration(tools.get(i), "tools[" + i + "]"));
        }
        ObjectNode tool = NODES.objectNode();
        tool.set("functionDeclarations", declarations);
        return Optional.of(NODES.arrayNode().add(tool));
    }

    /**
     * {@code toolConfig} for a {@code tool_choice}: {@code auto} → {@code AUTO}, {@code none} →
     * {@code NONE}, {@code required} → {@code ANY}, a named function → {@code ANY} limited to it
     * by {@code allowedFunctionNames}. Empty when there is no choice or no tools to choose from.
     */
    static Optional<ObjectNode> config(JsonNode choice, boolean hasTools) {
        if (choice == null || choice.isNull() || !hasTools) {
            return Optional.empty();
        }
        ObjectNode calling = NODES.objectNode();
        if (choice.isTextual()) {
            calling.put("mode", switch (choice.asText()) {
                case "auto" -> "AUTO";
                case "none" -> "NONE";
                case "required" -> "ANY";
                default -> throw InvalidRequest.at("tool_choice", "expected auto, none, required or a function, got '"
                        + choice.asText() + "'");
            });
        } else if ("function".equals(choice.path("type").asText())
                && choice.path("function").path("name").isTextual()) {
            calling.put("mode", "ANY");
            calling.putArray("allowedFunctionNames").add(choice.path("function").path("name").asText());
        } else {
            throw InvalidRequest.at("tool_choice", "expected auto, none, required or "
                    + "{\"type\": \"function\", \"function\": {\"name\": …}}");
        }
        return Optional.of(NODES.objectNode().set("functionCallingConfig", calling));
    }

    private static ObjectNode declaration(Tool tool, String where) {
        if (!"function".equals(tool.type()) || tool.function() == null) {
            throw InvalidRequest.at(where, "Gemini takes function tools only, not '" + tool.type() + "'");
        }
        FunctionDefinition function = tool.function();
        if (function.name() == null || function.name().isBlank()) {
            throw InvalidRequest.at(where + ".function.name", "a function tool needs a name");
        }
        ObjectNode declaration = NODES.objectNode().put("name", function.name());
        if (function.description() != null) {
            declaration.put("description", function.description());
        }
        if (function.parameters() != null && !function.parameters().isNull()) {
            declaration.set("parametersJsonSchema", function.parameters());
        }
        return declaration;
    }
}
