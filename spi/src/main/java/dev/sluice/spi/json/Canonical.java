package dev.sluice.spi.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Canonical JSON: compact, every object's keys in sorted order, {@code null} members left out, so
 * that two documents that differ only in key order, whitespace or explicit nulls read the same.
 * Cache keys and audit prompt hashes are built on it.
 *
 * <pre>{@code
 * Canonical.json(tree)            // {"content":"hi","role":"user"}
 * Canonical.sha256(Canonical.json(tree))
 * }</pre>
 */
public final class Canonical {

    private Canonical() {
    }

    /** The canonical text of a JSON tree. */
    public static String json(JsonNode node) {
        return new String(Json.bytes(sorted(node)), StandardCharsets.UTF_8);
    }

    /** The canonical text of any value Jackson can write. */
    public static String json(Object value) {
        return json(Json.mapper().<JsonNode>valueToTree(value));
    }

    /** Hex SHA-256 of the text's UTF-8 bytes. */
    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            List<Map.Entry<String, JsonNode>> fields = new ArrayList<>(node.properties());
            fields.sort(Map.Entry.comparingByKey());
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            for (Map.Entry<String, JsonNode> field : fields) {
                if (!field.getValue().isNull()) {
                    out.set(field.getKey(), sorted(field.getValue()));
                }
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
