package dev.sluice.spi.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Map;

/**
 * One event of a streamed answer ({@code "object": "chat.completion.chunk"}). The usage chunk that
 * {@code stream_options.include_usage} asks for has empty {@code choices} and a {@code usage}.
 *
 * @param id the completion id, the same in every chunk of a stream
 * @param object always {@code chat.completion.chunk}
 * @param created creation time, seconds since the epoch
 * @param model the upstream model that answers
 * @param choices the deltas of this chunk
 * @param usage token usage (last chunk only)
 * @param systemFingerprint the backend configuration fingerprint, if any
 * @param extra every other field, preserved verbatim
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ChatChunk(String id, String object, long created, String model, List<ChunkChoice> choices,
        Usage usage, String systemFingerprint, @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {

    /** The {@code object} value of a stream chunk. */
    public static final String OBJECT = "chat.completion.chunk";

    public ChatChunk {
        choices = choices == null ? List.of() : List.copyOf(choices);
        extra = Extra.copy(extra);
    }

    /** Whether this is the usage-only chunk that ends a stream with {@code include_usage}. */
    public boolean isUsageOnly() {
        return choices.isEmpty() && usage != null;
    }

    /** A copy naming another model. */
    public ChatChunk withModel(String newModel) {
        return new ChatChunk(id, object, created, newModel, choices, usage, systemFingerprint, extra);
    }

    /** A copy with other usage ({@code null} removes it). */
    public ChatChunk withUsage(Usage newUsage) {
        return new ChatChunk(id, object, created, model, choices, newUsage, systemFingerprint, extra);
    }
}
