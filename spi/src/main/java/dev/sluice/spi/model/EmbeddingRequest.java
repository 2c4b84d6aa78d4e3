package dev.sluice.spi.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An embeddings request in OpenAI's format.
 *
 * @param model the model route (inbound) or upstream model (outbound)
 * @param input a string, a list of strings, a list of token ids, or a list of token-id lists
 * @param encodingFormat {@code float} (default) or {@code base64} (the OpenAI SDK's default)
 * @param dimensions the requested vector size, where the model supports it
 * @param user the end user's identifier
 * @param extra every other field, preserved verbatim
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record EmbeddingRequest(String model, JsonNode input, String encodingFormat, Integer dimensions,
        String user, @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) implements ModelRequest {

    public EmbeddingRequest {
        extra = Extra.copy(extra);
    }

    /** Whether vectors are to be returned base64-encoded (little-endian float32). */
    public boolean base64() {
        return "base64".equals(encodingFormat);
    }

    /** The inputs as strings when the input is text (one string or a list of them); else empty. */
    public List<String> texts() {
        List<String> texts = new ArrayList<>();
        if (input != null && input.isTextual()) {
            texts.add(input.asText());
        } else if (input != null && input.isArray()) {
            for (JsonNode item : input) {
                if (!item.isTextual()) {
                    return List.of();
                }
                texts.add(item.asText());
            }
        }
        return texts;
    }

    @Override
    public EmbeddingRequest withModel(String newModel) {
        return new EmbeddingRequest(newModel, input, encodingFormat, dimensions, user, extra);
    }

    /** A copy asking for another encoding ({@code null} for the provider's default). */
    public EmbeddingRequest withEncodingFormat(String format) {
        return new EmbeddingRequest(model, input, format, dimensions, user, extra);
    }
}
