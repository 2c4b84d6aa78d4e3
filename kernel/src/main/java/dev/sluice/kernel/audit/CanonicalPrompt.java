package dev.sluice.kernel.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.spi.json.Json;
import dev.sluice.spi.model.ChatRequest;
import dev.sluice.spi.model.EmbeddingRequest;
import dev.sluice.spi.model.ModelRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The canonical form of a prompt, the text that is hashed, kept or encrypted: the request's
 * {@code messages} (chat) or {@code input} (embeddings) as compact JSON with every object's keys
 * in sorted order, so that the same prompt always gives the same hash whatever the client's key
 * order or whitespace. It is the prompt as it went upstream, after any policy or guardrail changed
 * it.
 */
final class CanonicalPrompt {

    private CanonicalPrompt() {
    }

    /** The canonical JSON text of the request's prompt. */
    static String of(ModelRequest request) {
        JsonNode prompt = switch (request) {
            case ChatRequest chat -> Json.mapper().valueToTree(chat.messages());
            case EmbeddingRequest embedding -> Json.mapper().valueToTree(embedding.input());
            default -> JsonNodeFactory.instance.nullNode();
        };
        return new String(Json.bytes(sorted(prompt)), StandardCharsets.UTF_8);
    }

    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            List<Map.Entry<String, JsonNode>> fields = new ArrayList<>(node.properties());
            Collections.sort(fields, Map.Entry.comparingByKey());
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            for (Map.Entry<String, JsonNode> field : fields) {
                out.set(field.getKey(), sorted(field.getValue()));
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode(node.size());
            node.forEach(item -> out.add(sorted(item)));
            return out;
        }
        return node;
    }
}
