package dev.sluice.plugins.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.spi.json.Json;
import dev.sluice.spi.model.Message;
import dev.sluice.spi.model.ToolCall;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * An OpenAI conversation as Anthropic's {@code system} and {@code messages}:
 * <ul>
 *   <li>{@code system} and {@code developer} messages, wherever they stand, become the top-level
 *       system prompt, in order;</li>
 *   <li>{@code user} and {@code assistant} messages become turns; consecutive messages of one role
 *       are merged into one turn, since Anthropic requires the roles to alternate;</li>
 *   <li>an assistant's {@code tool_calls} become {@code tool_use} blocks (same id and name, the
 *       arguments parsed into an object) after its text;</li>
 *   <li>{@code tool} messages become {@code tool_result} blocks of a user turn, so consecutive
 *       results (and a user message after them) share one turn, results first.</li>
 * </ul>
 *
 * @param system the system prompt's text blocks, possibly empty
 * @param messages the alternating turns
 */
record AnthropicTurns(ArrayNode system, ArrayNode messages) {

    /** Translates the conversation; an invalid message is a 400 naming it. */
    static AnthropicTurns of(List<Message> conversation) {
        ArrayNode system = Json.mapper().createArrayNode();
        List<Turn> turns = new ArrayList<>();
        for (int i = 0; i < conversation.size(); i++) {
            Message message = conversation.get(i);
            String where = "messages[" + i + "]";
            String role = message.role() == null ? "" : message.role();
            switch (role) {
                case "system", "developer" -> system.addAll(AnthropicBlocks.textOnly(message.content(), where));
                case "user" -> add(turns, "user", AnthropicBlocks.of(message.content(), where));
                case "assistant" -> add(turns, "assistant", assistant(message, where));
                case "tool" -> add(turns, "user", toolResult(message, where));
                default -> throw AnthropicBlocks.invalid("role '" + role + "' is not supported by Anthropic",
                        where + ".role");
            }
        }
        ArrayNode messages = Json.mapper().createArrayNode();
        turns.forEach(turn -> messages.add(turn.json()));
        return new AnthropicTurns(system, messages);
    }

    /** The system prompt as Anthropic takes it: a string for one plain text, else text blocks. */
    JsonNode systemJson() {
        if (system.size() == 1 && AnthropicBlocks.isPlainText(system.get(0))) {
            return system.get(0).get("text");
        }
        return system;
    }

    private static void add(List<Turn> turns, String role, ArrayNode blocks) {
        if (blocks.isEmpty()) {
            // Nothing to say (empty content): leaving the message out keeps the turns valid.
            return;
        }
        Turn last = turns.isEmpty() ? null : turns.get(turns.size() - 1);
        if (last != null && last.role.equals(role)) {
            last.blocks.addAll(blocks);
        } else {
            turns.add(new Turn(role, blocks));
        }
    }

    private static ArrayNode assistant(Message message, String where) {
        ArrayNode blocks = AnthropicBlocks.of(message.content(), where);
        List<ToolCall> calls = message.toolCalls() == null ? List.of() : message.toolCalls();
        for (int j = 0; j < calls.size(); j++) {
            blocks.add(toolUse(calls.get(j), where + ".tool_calls[" + j + "]"));
        }
        return blocks;
    }

    private static ObjectNode toolUse(ToolCall call, String where) {
        if (call.type() != null && !call.type().equals("function")) {
            throw AnthropicBlocks.invalid("tool calls of type '" + call.type() + "' are not supported by Anthropic",
                    where + ".type");
        }
        if (call.id() == null || call.id().isBlank()) {
            throw AnthropicBlocks.invalid("a tool call needs an id", where + ".id");
        }
        if (call.function() == null || call.function().name() == null || call.function().name().isBlank()) {
            throw AnthropicBlocks.invalid("a tool call needs a function name", where + ".function.name");
        }
        ObjectNode block = Json.mapper().createObjectNode();
        block.put("type", "tool_use");
        block.put("id", call.id());
        block.put("name", call.function().name());
        block.set("input", arguments(call.function().arguments(), where + ".function.arguments"));
        return block;
    }

    /**
     * The arguments as the object Anthropic's {@code input} must be. None at all (absent or blank)
     * is the empty object; anything that is not a JSON object is refused rather than guessed at.
     */
    private static JsonNode arguments(String arguments, String where) {
        if (arguments == null || arguments.isBlank()) {
            return Json.mapper().createObjectNode();
        }
        try {
            JsonNode parsed = Json.mapper().readTree(arguments);
            if (parsed != null && parsed.isObject()) {
                return parsed;
            }
        } catch (IOException e) {
            // refused below
        }
        throw AnthropicBlocks.invalid("tool call arguments must be a JSON object", where);
    }

    private static ArrayNode toolResult(Message message, String where) {
        if (message.toolCallId() == null || message.toolCallId().isBlank()) {
            throw AnthropicBlocks.invalid("a tool message needs a tool_call_id", where + ".tool_call_id");
        }
        ObjectNode block = Json.mapper().createObjectNode();
        block.put("type", "tool_result");
        block.put("tool_use_id", message.toolCallId());
        if (message.content() != null) {
            if (message.content().isParts()) {
                block.set("content", AnthropicBlocks.of(message.content(), where));
            } else {
                block.put("content", message.content().string());
            }
        }
        ArrayNode blocks = Json.mapper().createArrayNode();
        blocks.add(block);
        return blocks;
    }

    /** One turn being built: a role and its blocks. */
    private record Turn(String role, ArrayNode blocks) {
        ObjectNode json() {
            ObjectNode message = Json.mapper().createObjectNode();
            message.put("role", role);
            if (blocks.size() == 1 && AnthropicBlocks.isPlainText(blocks.get(0))) {
                message.set("content", blocks.get(0).get("text"));
            } else {
                message.set("content", blocks);
            }
            return message;
        }
    }
}
