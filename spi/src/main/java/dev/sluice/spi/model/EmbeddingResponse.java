package dev.sluice.spi.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * An embeddings answer ({@code "object": "list"}).
 *
 * @param object always {@code list}
 * @param data one embedding per input, in input order
 * @param model the upstream model that answered
 * @param usage token usage ({@code prompt_tokens} and {@code total_tokens})
 * @param extra every other field, preserved verbatim
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EmbeddingResponse(String object, List<Embedding> data, String model, Usage usage,
        @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {
    public EmbeddingResponse {
        data = data == null ? List.of() : List.copyOf(data);
        extra = Extra.copy(extra);
    }

    /** A copy naming another model. */
    public EmbeddingResponse withModel(String newModel) {
        return new EmbeddingResponse(object, data, newModel, usage, extra);
    }
}
