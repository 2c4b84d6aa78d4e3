package dev.sluice.plugins.guardrail.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.spi.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The canonical text of a schema: compact, every object's keys sorted. Unlike the gateway's
 * {@code Canonical}, it keeps {@code null} members, which mean something in a schema
 * ({@code "const": null}); two schemas share a text exactly when they are the same schema.
 */
final class SchemaText {
    private SchemaText() {
    }

    static String canonical(JsonNode schema) {
        return Json.string(sorted(schema));
    }

    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            List<Map.Entry<String, JsonNode>> fields = new ArrayList<>(node.properties());
            fields.sort(Map.Entry.comparingByKey());
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            fields.forEach(field -> out.set(field.getKey(), sorted(field.getValue())));
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
