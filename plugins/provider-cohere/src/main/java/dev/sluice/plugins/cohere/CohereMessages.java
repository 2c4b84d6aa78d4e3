package dev.sluice.plugins.cohere;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.spi.ErrorType;
import dev.sluice.spi.GatewayException;
import dev.sluice.spi.model.Content;
import dev.sluice.spi.model.ContentPart;
import dev.sluice.spi.model.Message;
import dev.sluice.spi.model.ToolCall;
import java.util.ArrayList;
import java.util.List;

/**
 * OpenAI messages as Cohere v2 {@code messages}: pure, JSON in and JSON out.
 *
 * <p>Cohere wants one system turn and wants it first, so every {@code system} and
 * {@code developer} message is joined, in order and separated by a blank line, into one leading
 * {@code system} message. Assistant tool calls keep OpenAI's shape (Cohere v2 mirrors it, with
 * {@code arguments} as a JSON string, passed on unchanged); the text that accompanies tool calls
 * becomes Cohere's {@code tool_plan}. Tool results keep their {@code tool_call_id}; string
 * content stays a string and text parts become Cohere {@code text} tool-content blocks.
 */
final class CohereMessages {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private CohereMessages() {
    }

    /** The Cohere {@code messages} array. */
    static ArrayNode of(List<Message> messages) {
        List<String> system = new ArrayList<>();
        ArrayNode turns = JSON.arrayNode();
        for (int i = 0; i < messages.size(); i++) {
            Message message = messages.get(i);
            String role = message.role() == null ? "" : message.role();
            switch (role) {
                case "system", "developer" -> system.add(systemText(message, i));
                case "user" -> turns.add(user(message, i));
                case "assistant" -> assistant(message, i, turns);
                case "tool" -> turns.add(tool(message, i));
                default -> throw invalid("messages[" + i + "].role",
                        "role '" + role + "' is not supported by Cohere (system, developer, user, assistant, tool)");
            }
        }
        if (!system.isEmpty()) {
            turns.insert(0, JSON.objectNode().put("role", "system").put("content", String.join("\n\n", system)));
        }
        return turns;
    }

    private static String systemText(Message message, int i) {
        Content content = message.content();
        if (content == null) {
            return "";
        }
        if (content.isParts()) {
            for (int p = 0; p < content.parts().size(); p++) {
                requireText(content.parts().get(p), "messages[" + i + "].content[" + p + "]", "a system message");
            }
        }
        return content.text();
    }

    private static ObjectNode user(Message message, int i) {
        Content content = message.content();
        if (content == null) {
            throw invalid("messages[" + i + "].content", "a user message needs content");
        }
        ObjectNode turn = JSON.objectNode().put("role", "user");
        if (!content.isParts()) {
            return turn.put("content", content.string());
        }
        ArrayNode parts = turn.putArray("content");
        for (int p = 0; p < content.parts().size(); p++) {
            ContentPart part = content.parts().get(p);
            String at = "messages[" + i + "].content[" + p + "]";
            if ("image_url".equals(part.type())) {
                parts.add(image(part, at));
            } else {
                requireText(part, at, "a user message");
                parts.addObject().put("type", "text").put("text", part.text());
            }
        }
        return turn;
    }

    /** Cohere takes both {@code data:} URIs and web URLs in {@code image_url.url}, as OpenAI does. */
    private static ObjectNode image(ContentPart part, String at) {
        if (part.imageUrl() == null || part.imageUrl().url() == null || part.imageUrl().url().isBlank()) {
            throw invalid(at + ".image_url.url", "an image_url part needs a url");
        }
        ObjectNode block = JSON.objectNode().put("type", "image_url");
        ObjectNode url = block.putObject("image_url").put("url", part.imageUrl().url());
        if (part.imageUrl().detail() != null) {
            url.put("detail", part.imageUrl().detail());
        }
        return block;
    }

    private static void assistant(Message message, int i, ArrayNode turns) {
        String text = message.content() == null ? "" : textOf(message.content(), "messages[" + i + "].content");
        List<ToolCall> calls = message.toolCalls() == null ? List.of() : message.toolCalls();
        JsonNode plan = message.extra().get("tool_plan");
        ObjectNode turn = JSON.objectNode().put("role", "assistant");
        if (calls.isEmpty()) {
            if (text.isEmpty()) {
                // An empty assistant turn says nothing, and Cohere refuses empty turns.
                return;
            }
            turn.put("content", text);
        } else {
            if (plan != null && plan.isTextual()) {
                turn.put("tool_plan", plan.asText());
                if (!text.isEmpty()) {
                    turn.put("content", text);
                }
            } else if (!text.isEmpty()) {
                // The text that comes with tool calls is what Cohere calls the tool plan.
                turn.put("tool_plan", text);
            }
            ArrayNode out = turn.putArray("tool_calls");
            for (int c = 0; c < calls.size(); c++) {
                out.add(toolCall(calls.get(c), "messages[" + i + "].tool_calls[" + c + "]"));
            }
        }
        JsonNode citations = message.extra().get("citations");
        if (citations != null && citations.isArray()) {
            turn.set("citations", citations);
        }
        turns.add(turn);
    }

    private static ObjectNode toolCall(ToolCall call, String at) {
        if (call.id() == null || call.id().isBlank()) {
            throw invalid(at + ".id", "a tool call needs an id");
        }
        if (call.function() == null || call.function().name() == null) {
            throw invalid(at + ".function.name", "a tool call needs a function name");
        }
        String arguments = call.function().arguments();
        ObjectNode out = JSON.objectNode().put("id", call.id()).put("type", "function");
        out.putObject("function").put("name", call.function().name())
                .put("arguments", arguments == null || arguments.isBlank() ? "{}" : arguments);
        return out;
    }

    private static ObjectNode tool(Message message, int i) {
        if (message.toolCallId() == null || message.toolCallId().isBlank()) {
            throw invalid("messages[" + i + "].tool_call_id", "a tool message needs the tool_call_id it answers");
        }
        ObjectNode turn = JSON.objectNode().put("role", "tool").put("tool_call_id", message.toolCallId());
        Content content = message.content();
        if (content == null) {
            return turn.put("content", "");
        }
        if (!content.isParts()) {
            return turn.put("content", content.string());
        }
        ArrayNode blocks = turn.putArray("content");
        for (int p = 0; p < content.parts().size(); p++) {
            ContentPart part = content.parts().get(p);
            requireText(part, "messages[" + i + "].content[" + p + "]", "a tool message");
            blocks.addObject().put("type", "text").put("text", part.text());
        }
        return turn;
    }

    private static String textOf(Content content, String at) {
        if (content.isParts()) {
            for (int p = 0; p < content.parts().size(); p++) {
                ContentPart part = content.parts().get(p);
                // A refusal part carries no text for the model to read back.
                if (!"refusal".equals(part.type())) {
                    requireText(part, at + "[" + p + "]", "an assistant message");
                }
            }
        }
        return content.text();
    }

    private static void requireText(ContentPart part, String at, String where) {
        if (!"text".equals(part.type()) || part.text() == null) {
            throw invalid(at + ".type", "Cohere does not accept '" + part.type() + "' content in " + where
                    + (where.equals("a user message") ? " (only text and image_url)" : " (only text)"));
        }
    }

    static GatewayException invalid(String param, String message) {
        return new GatewayException(ErrorType.INVALID_REQUEST, message).withParam(param);
    }
}
