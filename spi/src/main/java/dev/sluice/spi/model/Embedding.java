package dev.sluice.spi.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.Map;

/**
 * One embedding vector.
 *
 * @param object always {@code embedding}
 * @param index the position of the input it embeds
 * @param embedding an array of floats, or a base64 string of little-endian float32 values
 * @param extra every other field, preserved verbatim
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Embedding(String object, int index, JsonNode embedding,
        @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {
    public Embedding {
        extra = Extra.copy(extra);
    }

    /** An embedding from a vector, encoded as floats or as base64. */
    public static Embedding of(int index, float[] vector, boolean base64) {
        JsonNode encoded;
        if (base64) {
            ByteBuffer buffer = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            for (float v : vector) {
                buffer.putFloat(v);
            }
            encoded = TextNode.valueOf(Base64.getEncoder().encodeToString(buffer.array()));
        } else {
            ArrayNode array = JsonNodeFactory.instance.arrayNode(vector.length);
            for (float v : vector) {
                array.add(v);
            }
            encoded = array;
        }
        return new Embedding("embedding", index, encoded, Map.of());
    }

    /** The vector, decoded from whichever form it has. */
    public float[] vector() {
        if (embedding == null) {
            return new float[0];
        }
        if (embedding.isTextual()) {
            ByteBuffer buffer = ByteBuffer.wrap(Base64.getDecoder().decode(embedding.asText()))
                    .order(ByteOrder.LITTLE_ENDIAN);
            float[] out = new float[buffer.remaining() / Float.BYTES];
            for (int i = 0; i < out.length; i++) {
                out[i] = buffer.getFloat();
            }
            return out;
        }
        float[] out = new float[embedding.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) embedding.get(i).asDouble();
        }
        return out;
    }
}
