package dev.sluice.spi.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Map;

/**
 * One choice's delta within a stream chunk.
 *
 * @param index the choice's position
 * @param delta what this chunk adds: role, a piece of content, pieces of tool calls
 * @param finishReason set on the choice's last chunk
 * @param logprobs log probabilities, when requested
 * @param extra every other field, preserved verbatim
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ChunkChoice(int index, Message delta,
        // Written as null until the last chunk, as OpenAI does: clients test `finish_reason !== null`.
        @JsonInclude(JsonInclude.Include.ALWAYS) String finishReason,
        JsonNode logprobs,
        @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {
    public ChunkChoice {
        extra = Extra.copy(extra);
    }
}
