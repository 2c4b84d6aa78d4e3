package dev.sluice.plugins.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.spi.json.Json;
import dev.sluice.spi.model.ContentPart;
import dev.sluice.spi.model.Message;
import dev.sluice.spi.model.ToolCall;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An OpenAI conversation as Gemini {@code contents} and {@code systemInstruction}:
 * <ul>
 *   <li>{@code system} and {@code developer} messages, wherever they stand, become the parts of
 *       {@code systemInstruction};</li>
 *   <li>{@code user} turns stay {@code user}, {@code assistant} turns become {@code model};</li>
 *   <li>assistant {@code tool_calls} become {@code functionCall} parts (arguments parsed to an
 *       object; arguments that are not a JSON object are sent as {@code {}}), with the call's id
 *       and thought signature;</li>
 *   <li>{@code tool} messages become {@code functionResponse} parts of a {@code user} turn, named
 *       after the assistant call they answer; content that is a JSON object is the response,
 *       anything else is sent as {@code {"result": "<text>"}};</li>
 *   <li>empty text is left out (Gemini refuses empty parts), and so are turns left empty;</li>
 *   <li>consecutive turns of the same role are merged, as Gemini expects turns to alternate.</li>
 * </ul>
 */
final class GeminiContents {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /**
     * @param contents the turns
     * @param systemInstruction the system parts, when there are any
     */
    record Conversation(ArrayNode contents, Optional<ObjectNode> systemInstruction) {
    }

    private final ArrayNode contents = NODES.arrayNode();
    private final ArrayNode system = NODES.arrayNode();
    private final Map<String, String> callNames = new HashMap<>();
    private final boolean placeholderSignatures;
    private String lastRole;

    private GeminiContents(boolean placeholderSignatures) {
        this.placeholderSignatures = placeholderSignatures;
    }

    /**
     * Translates the messages.
     *
     * @param placeholderSignatures whether unsigned function calls get {@link ThoughtSignatures#UNSIGNED}
     */
    static Conversation of(List<Message> messages, boolean placeholderSignatures) {
        GeminiContents translation = new GeminiContents(placeholderSignatures);
        for (int i = 0; i < messages.size(); i++) {
            translation.add(messages.get(i), "messages[" + i + "]");
        }
        if (translation.contents.isEmpty()) {
            throw InvalidRequest.at("messages", "Gemini needs at least one user or assistant message");
        }
        Optional<ObjectNode> instruction = translation.system.isEmpty() ? Optional.empty()
                : Optional.of(NODES.objectNode().set("parts", translation.system));
        return new Conversation(translation.contents, instruction);
    }

    private void add(Message message, String where) {
        String role = message.role() == null ? "" : message.role();
        switch (role) {
            case "system", "developer" -> system.addAll(textParts(message, where));
            case "user" -> turn("user", userParts(message, where));
            case "assistant" -> turn("model", modelParts(message, where));
            case "tool", "function" -> turn("user", List.of(functionResponse(message, where)));
            default -> throw InvalidRequest.at(where + ".role", "unknown role '" + role + "'");
        }
    }

    private void turn(String role, List<ObjectNode> parts) {
        if (parts.isEmpty()) {
            return;
        }
        if (role.equals(lastRole)) {
            ((ArrayNode) contents.get(contents.size() - 1).get("parts")).addAll(parts);
            return;
        }
        ObjectNode content = NODES.objectNode().put("role", role);
        content.putArray("parts").addAll(parts);
        contents.add(content);
        lastRole = role;
    }

    private static List<ObjectNode> textParts(Message message, String where) {
        if (message.content() == null) {
            return List.of();
        }
        if (!message.content().isParts()) {
            return nonEmpty(message.content().string()) ? List.of(text(message.content().string())) : List.of();
        }
        List<ContentPart> parts = message.content().parts();
        List<ObjectNode> out = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            if (!"text".equals(parts.get(i).type())) {
                throw InvalidRequest.at(where + ".content[" + i + "]", "only text parts are allowed here");
            }
            if (nonEmpty(parts.get(i).text())) {
                out.add(text(parts.get(i).text()));
            }
        }
        return out;
    }

    private static List<ObjectNode> userParts(Message message, String where) {
        if (message.content() == null || !message.content().isParts()) {
            return textParts(message, where);
        }
        List<ContentPart> parts = message.content().parts();
        List<ObjectNode> out = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            ContentPart part = parts.get(i);
            if (!"text".equals(part.type()) || nonEmpty(part.text())) {
                out.add(userPart(part, where + ".content[" + i + "]"));
            }
        }
        return out;
    }

    private static ObjectNode userPart(ContentPart part, String where) {
        String type = part.type() == null ? "" : part.type();
        return switch (type) {
            case "text" -> text(part.text());
            case "image_url" -> GeminiMedia.image(part.imageUrl() == null ? null : part.imageUrl().url(), where);
            case "input_audio" -> GeminiMedia.audio(extra(part, "input_audio"), where);
            case "file" -> GeminiMedia.file(extra(part, "file"), where);
            default -> throw InvalidRequest.at(where, "content part type '" + type + "' cannot be sent to Gemini");
        };
    }

    private static JsonNode extra(ContentPart part, String field) {
        return part.extra().getOrDefault(field, NODES.objectNode());
    }

    private List<ObjectNode> modelParts(Message message, String where) {
        List<ObjectNode> out = new ArrayList<>();
        String text = message.text();
        if (!text.isEmpty()) {
            out.add(text(text));
        }
        List<ToolCall> calls = message.toolCalls() == null ? List.of() : message.toolCalls();
        boolean signed = calls.stream().anyMatch(call -> ThoughtSignatures.of(call.extra()).isPresent());
        for (int i = 0; i < calls.size(); i++) {
            ObjectNode part = functionCall(calls.get(i), where + ".tool_calls[" + i + "]");
            if (!signed && placeholderSignatures && i == 0) {
                // Only the first call of a parallel set carries a signature, as Gemini itself does.
                part.put("thoughtSignature", ThoughtSignatures.UNSIGNED);
            }
            out.add(part);
        }
        return out;
    }

    private ObjectNode functionCall(ToolCall call, String where) {
        if (call.function() == null || call.function().name() == null || call.function().name().isBlank()) {
            throw InvalidRequest.at(where, "a tool call needs a function name");
        }
        String name = call.function().name();
        ObjectNode functionCall = NODES.objectNode().put("name", name);
        functionCall.set("args", argumentsObject(call.function().arguments()));
        if (call.id() != null && !call.id().isEmpty()) {
            functionCall.put("id", call.id());
            callNames.put(call.id(), name);
        }
        ObjectNode part = NODES.objectNode().set("functionCall", functionCall);
        ThoughtSignatures.of(call.extra()).ifPresent(signature -> part.put("thoughtSignature", signature));
        return part;
    }

    private ObjectNode functionResponse(Message message, String where) {
        String id = message.toolCallId();
        String name = id == null ? null : callNames.get(id);
        if (name == null) {
            name = message.name();
        }
        if (name == null || name.isBlank()) {
            throw InvalidRequest.at(where + ".tool_call_id", "answers a tool call ('" + id
                    + "') that no earlier assistant message made, so its function name is unknown");
        }
        ObjectNode functionResponse = NODES.objectNode();
        if (id != null && !id.isEmpty()) {
            functionResponse.put("id", id);
        }
        functionResponse.put("name", name);
        functionResponse.set("response", responseObject(message.text()));
        return NODES.objectNode().set("functionResponse", functionResponse);
    }

    /** Arguments as Gemini's {@code args} object; anything but a JSON object becomes {@code {}}. */
    private static ObjectNode argumentsObject(String arguments) {
        JsonNode parsed = parse(arguments);
        return parsed instanceof ObjectNode object ? object : NODES.objectNode();
    }

    /** A tool result as Gemini's {@code response} object. */
    private static ObjectNode responseObject(String content) {
        JsonNode parsed = parse(content);
        return parsed instanceof ObjectNode object ? object : NODES.objectNode().put("result", content);
    }

    private static JsonNode parse(String json) {
        if (json == null || json.isBlank()) {
            return NODES.missingNode();
        }
        try {
            return Json.mapper().readTree(json);
        } catch (IOException e) {
            // Not JSON: the caller decides what stands in for it.
            return NODES.missingNode();
        }
    }

    /** Gemini refuses empty text parts, and they say nothing, so they are left out. */
    private static boolean nonEmpty(String text) {
        return text != null && !text.isEmpty();
    }

    private static ObjectNode text(String text) {
        return NODES.objectNode().put("text", text == null ? "" : text);
    }
}
