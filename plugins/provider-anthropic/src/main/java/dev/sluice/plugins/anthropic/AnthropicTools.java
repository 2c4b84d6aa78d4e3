package dev.sluice.plugins.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.spi.json.Json;
import dev.sluice.spi.model.FunctionDefinition;
import dev.sluice.spi.model.Tool;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * OpenAI's {@code tools}, {@code tool_choice} and {@code parallel_tool_calls} as Anthropic's
 * {@code tools} and {@code tool_choice}. A function tool becomes {@code {name, description,
 * input_schema, strict}}; a tool of another type (an Anthropic server tool such as
 * {@code web_search_20250305} carried through the gateway) goes out as it came.
 */
final class AnthropicTools {
    private static final Set<String> ANTHROPIC_CHOICES = Set.of("auto", "any", "tool", "none");

    private AnthropicTools() {
    }

    /** The tools as Anthropic declares them. */
    static ArrayNode tools(List<Tool> tools) {
        ArrayNode out = Json.mapper().createArrayNode();
        for (int i = 0; i < tools.size(); i++) {
            out.add(tool(tools.get(i), "tools[" + i + "]"));
        }
        return out;
    }

    /**
     * The {@code tool_choice}: {@code auto} → {@code auto}, {@code required} → {@code any},
     * {@code none} → {@code none}, a named function → {@code {type: tool, name}}; with
     * {@code parallel_tool_calls: false}, {@code disable_parallel_tool_use: true} (which
     * {@code none} does not take). Empty when neither field asks for anything.
     */
    static Optional<ObjectNode> choice(JsonNode toolChoice, Boolean parallelToolCalls) {
        boolean serial = Boolean.FALSE.equals(parallelToolCalls);
        if ((toolChoice == null || toolChoice.isNull()) && !serial) {
            return Optional.empty();
        }
        ObjectNode choice = toolChoice == null || toolChoice.isNull() ? typed("auto") : choice(toolChoice);
        if (serial && !"none".equals(choice.path("type").asText())) {
            choice.put("disable_parallel_tool_use", true);
        }
        return Optional.of(choice);
    }

    private static ObjectNode choice(JsonNode toolChoice) {
        if (toolChoice.isTextual()) {
            return switch (toolChoice.asText()) {
                case "auto" -> typed("auto");
                case "required" -> typed("any");
                case "none" -> typed("none");
                default -> throw AnthropicBlocks.invalid("tool_choice must be auto, required, none or a named function",
                        "tool_choice");
            };
        }
        String type = toolChoice.path("type").asText();
        String name = toolChoice.path("function").path("name").asText("");
        if (type.equals("function") && !name.isBlank()) {
            ObjectNode choice = typed("tool");
            choice.put("name", name);
            return choice;
        }
        if (ANTHROPIC_CHOICES.contains(type)) {
            // Already in Anthropic's own form.
            return toolChoice.deepCopy();
        }
        throw AnthropicBlocks.invalid("tool_choice must be auto, required, none or a named function", "tool_choice");
    }

    private static JsonNode tool(Tool tool, String where) {
        boolean function = tool.type() == null || tool.type().equals("function");
        if (!function) {
            return Json.mapper().valueToTree(tool);
        }
        FunctionDefinition definition = tool.function();
        if (definition == null || definition.name() == null || definition.name().isBlank()) {
            throw AnthropicBlocks.invalid("a function tool needs a name", where + ".function.name");
        }
        ObjectNode out = Json.mapper().createObjectNode();
        out.put("name", definition.name());
        if (definition.description() != null) {
            out.put("description", definition.description());
        }
        out.set("input_schema", definition.parameters() == null || definition.parameters().isNull()
                ? emptySchema() : definition.parameters());
        if (definition.strict() != null) {
            out.put("strict", definition.strict());
        }
        JsonNode cacheControl = Optional.ofNullable(tool.extra().get("cache_control"))
                .orElse(definition.extra().get("cache_control"));
        if (cacheControl != null && !cacheControl.isNull()) {
            out.set("cache_control", cacheControl);
        }
        return out;
    }

    /** OpenAI lets a function without parameters omit them; Anthropic needs an object schema. */
    private static ObjectNode emptySchema() {
        ObjectNode schema = typed("object");
        schema.putObject("properties");
        return schema;
    }

    private static ObjectNode typed(String type) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("type", type);
        return node;
    }
}
