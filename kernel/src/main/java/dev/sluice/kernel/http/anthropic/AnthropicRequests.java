package dev.sluice.kernel.http.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.spi.ErrorType;
import dev.sluice.spi.GatewayException;
import java.util.Set;

/**
 * Translates an Anthropic Messages API request into the canonical (OpenAI Chat Completions)
 * request, JSON in, JSON out, checking it the way Anthropic's API does: every fault is a 400 that
 * names the field ({@code messages.1.content.0.type: …}).
 *
 * <p>What has no canonical form ({@code top_k}, {@code thinking}, {@code cache_control}, server
 * tools' settings) is left out of the translation; the client's body stays on the exchange as
 * its {@link dev.sluice.spi.NativeRequest}, so that an Anthropic upstream still receives it whole.
 */
final class AnthropicRequests {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Set<String> ROLES = Set.of("user", "assistant");

    private AnthropicRequests() {
    }

    /** The canonical request body for an Anthropic request body. */
    static ObjectNode toCanonical(JsonNode body) {
        if (!body.isObject()) {
            throw invalid("the request body must be a JSON object");
        }
        ObjectNode out = JSON.objectNode();
        out.put("model", requiredText(body, "model"));
        JsonNode maxTokens = body.get("max_tokens");
        if (maxTokens == null || maxTokens.isNull()) {
            throw invalid("max_tokens: Field required");
        }
        if (!maxTokens.canConvertToInt() || !maxTokens.isIntegralNumber() || maxTokens.asInt() < 1) {
            throw invalid("max_tokens: Input should be a positive integer");
        }
        ArrayNode messages = out.putArray("messages");
        system(body.get("system"), messages);
        JsonNode input = body.get("messages");
        if (input == null || input.isNull()) {
            throw invalid("messages: Field required");
        }
        if (!input.isArray()) {
            throw invalid("messages: Input should be a valid list");
        }
        if (input.isEmpty()) {
            throw invalid("messages: at least one message is required");
        }
        for (int i = 0; i < input.size(); i++) {
            message(input.get(i), "messages." + i, messages);
        }
        out.put("max_tokens", maxTokens.asInt());
        copyNumber(body, "temperature", out, "temperature");
        copyNumber(body, "top_p", out, "top_p");
        JsonNode stops = body.get("stop_sequences");
        if (stops != null && !stops.isNull()) {
            if (!stops.isArray()) {
                throw invalid("stop_sequences: Input should be a valid list");
            }
            out.set("stop", stops.deepCopy());
        }
        JsonNode stream = body.get("stream");
        if (stream != null && !stream.isNull()) {
            if (!stream.isBoolean()) {
                throw invalid("stream: Input should be a valid boolean");
            }
            out.put("stream", stream.asBoolean());
        }
        JsonNode userId = body.path("metadata").path("user_id");
        if (userId.isTextual()) {
            out.put("user", userId.asText());
        }
        tools(body.get("tools"), out);
        toolChoice(body.get("tool_choice"), out);
        return out;
    }

    private static void system(JsonNode system, ArrayNode messages) {
        if (system == null || system.isNull()) {
            return;
        }
        String text;
        if (system.isTextual()) {
            text = system.asText();
        } else if (system.isArray()) {
            StringBuilder joined = new StringBuilder();
            for (int i = 0; i < system.size(); i++) {
                JsonNode block = system.get(i);
                if (!"text".equals(block.path("type").asText()) || !block.path("text").isTextual()) {
                    throw invalid("system." + i + ": only text blocks are allowed in the system prompt");
                }
                if (!joined.isEmpty()) {
                    joined.append("\n\n");
                }
                joined.append(block.path("text").asText());
            }
            text = joined.toString();
        } else {
            throw invalid("system: Input should be a valid string or a list of text blocks");
        }
        messages.addObject().put("role", "system").put("content", text);
    }

    private static void message(JsonNode message, String path, ArrayNode out) {
        if (!message.isObject()) {
            throw invalid(path + ": Input should be a valid dictionary");
        }
        String role = message.path("role").asText("");
        if (!ROLES.contains(role)) {
            throw invalid(path + ".role: Input should be 'user' or 'assistant'");
        }
        JsonNode content = message.get("content");
        if (content == null || content.isNull()) {
            throw invalid(path + ".content: Field required");
        }
        if (content.isTextual()) {
            out.addObject().put("role", role).put("content", content.asText());
            return;
        }
        if (!content.isArray()) {
            throw invalid(path + ".content: Input should be a valid string or list of content blocks");
        }
        if (role.equals("assistant")) {
            assistant(content, path, out);
        } else {
            user(content, path, out);
        }
    }

    /** Tool results become {@code tool} messages first, as OpenAI wants them right after the call. */
    private static void user(JsonNode blocks, String path, ArrayNode out) {
        ArrayNode parts = JSON.arrayNode();
        for (int i = 0; i < blocks.size(); i++) {
            JsonNode block = blocks.get(i);
            String where = path + ".content." + i;
            switch (block.path("type").asText("")) {
                case "text" -> parts.addObject().put("type", "text").put("text", text(block, where));
                case "image" -> parts.addObject().put("type", "image_url").putObject("image_url")
                        .put("url", imageUrl(block.path("source"), where));
                case "tool_result" -> out.add(toolResult(block, where));
                case "document", "search_result" -> parts.add(block.deepCopy());
                case "" -> throw invalid(where + ".type: Field required");
                default -> throw invalid(where + ".type: '" + block.path("type").asText()
                        + "' is not a content block a user message can carry");
            }
        }
        if (!parts.isEmpty()) {
            ObjectNode message = out.addObject().put("role", "user");
            if (parts.size() == 1 && parts.get(0).path("type").asText().equals("text")) {
                message.put("content", parts.get(0).path("text").asText());
            } else {
                message.set("content", parts);
            }
        }
    }

    private static ObjectNode toolResult(JsonNode block, String where) {
        ObjectNode tool = JSON.objectNode().put("role", "tool");
        tool.put("tool_call_id", requiredText(block, "tool_use_id", where));
        JsonNode content = block.get("content");
        String text;
        if (content == null || content.isNull()) {
            text = "";
        } else if (content.isTextual()) {
            text = content.asText();
        } else if (content.isArray()) {
            StringBuilder joined = new StringBuilder();
            for (JsonNode part : content) {
                if (part.path("type").asText().equals("text")) {
                    if (!joined.isEmpty()) {
                        joined.append('\n');
                    }
                    joined.append(part.path("text").asText());
                }
            }
            text = joined.toString();
        } else {
            throw invalid(where + ".content: Input should be a valid string or list of content blocks");
        }
        // OpenAI has no error flag on tool results; the model reads it from the text instead.
        tool.put("content", block.path("is_error").asBoolean(false) ? "Error: " + text : text);
        return tool;
    }

    private static void assistant(JsonNode blocks, String path, ArrayNode out) {
        StringBuilder text = new StringBuilder();
        ArrayNode calls = JSON.arrayNode();
        for (int i = 0; i < blocks.size(); i++) {
            JsonNode block = blocks.get(i);
            String where = path + ".content." + i;
            switch (block.path("type").asText("")) {
                case "text" -> text.append(text(block, where));
                case "tool_use" -> {
                    ObjectNode call = calls.addObject();
                    call.put("id", requiredText(block, "id", where));
                    call.put("type", "function");
                    ObjectNode function = call.putObject("function");
                    function.put("name", requiredText(block, "name", where));
                    JsonNode input = block.get("input");
                    function.put("arguments", input == null || input.isNull() ? "{}" : input.toString());
                }
                // Reasoning the model did before; only an Anthropic upstream can read it back.
                case "thinking", "redacted_thinking" -> { }
                case "" -> throw invalid(where + ".type: Field required");
                default -> throw invalid(where + ".type: '" + block.path("type").asText()
                        + "' is not a content block an assistant message can carry");
            }
        }
        ObjectNode message = out.addObject().put("role", "assistant");
        if (!text.isEmpty() || calls.isEmpty()) {
            message.put("content", text.toString());
        } else {
            message.putNull("content");
        }
        if (!calls.isEmpty()) {
            message.set("tool_calls", calls);
        }
    }

    private static String imageUrl(JsonNode source, String where) {
        switch (source.path("type").asText("")) {
            case "base64" -> {
                String mediaType = requiredText(source, "media_type", where + ".source");
                String data = requiredText(source, "data", where + ".source");
                return "data:" + mediaType + ";base64," + data;
            }
            case "url" -> {
                return requiredText(source, "url", where + ".source");
            }
            default -> throw invalid(where + ".source.type: Input should be 'base64' or 'url'");
        }
    }

    private static void tools(JsonNode tools, ObjectNode out) {
        if (tools == null || tools.isNull()) {
            return;
        }
        if (!tools.isArray()) {
            throw invalid("tools: Input should be a valid list");
        }
        ArrayNode translated = out.putArray("tools");
        for (int i = 0; i < tools.size(); i++) {
            JsonNode tool = tools.get(i);
            String where = "tools." + i;
            String type = tool.path("type").asText("custom");
            if (!type.equals("custom")) {
                // A server tool (web search, code execution, …): only Anthropic itself runs those.
                ObjectNode server = translated.addObject();
                tool.fields().forEachRemaining(field -> server.set(field.getKey(), field.getValue().deepCopy()));
                continue;
            }
            ObjectNode function = translated.addObject().put("type", "function").putObject("function");
            function.put("name", requiredText(tool, "name", where));
            if (tool.path("description").isTextual()) {
                function.put("description", tool.path("description").asText());
            }
            JsonNode schema = tool.get("input_schema");
            if (schema == null || !schema.isObject()) {
                throw invalid(where + ".input_schema: Field required");
            }
            function.set("parameters", schema.deepCopy());
        }
    }

    private static void toolChoice(JsonNode choice, ObjectNode out) {
        if (choice == null || choice.isNull()) {
            return;
        }
        switch (choice.path("type").asText("")) {
            case "auto" -> out.put("tool_choice", "auto");
            case "any" -> out.put("tool_choice", "required");
            case "none" -> out.put("tool_choice", "none");
            case "tool" -> out.putObject("tool_choice").put("type", "function").putObject("function")
                    .put("name", requiredText(choice, "name", "tool_choice"));
            default -> throw invalid("tool_choice.type: Input should be 'auto', 'any', 'tool' or 'none'");
        }
        if (choice.path("disable_parallel_tool_use").asBoolean(false)) {
            out.put("parallel_tool_calls", false);
        }
    }

    private static String text(JsonNode block, String where) {
        JsonNode text = block.get("text");
        if (text == null || !text.isTextual()) {
            throw invalid(where + ".text: Field required");
        }
        return text.asText();
    }

    private static String requiredText(JsonNode node, String field) {
        return requiredText(node, field, null);
    }

    private static String requiredText(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        String path = where == null ? field : where + "." + field;
        if (value == null || value.isNull()) {
            throw invalid(path + ": Field required");
        }
        if (!value.isTextual() || value.asText().isEmpty()) {
            throw invalid(path + ": Input should be a non-empty string");
        }
        return value.asText();
    }

    private static void copyNumber(JsonNode from, String field, ObjectNode to, String as) {
        JsonNode value = from.get(field);
        if (value == null || value.isNull()) {
            return;
        }
        if (!value.isNumber()) {
            throw invalid(field + ": Input should be a valid number");
        }
        to.set(as, value.deepCopy());
    }

    static GatewayException invalid(String message) {
        return new GatewayException(ErrorType.INVALID_REQUEST, message);
    }

}
