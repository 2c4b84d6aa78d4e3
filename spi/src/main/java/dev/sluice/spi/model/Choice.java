package dev.sluice.spi.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Map;

/**
 * One choice of a complete answer.
 *
 * @param index the choice's position
 * @param message the assistant message
 * @param finishReason {@code stop}, {@code length}, {@code tool_calls}, {@code content_filter}
 * @param logprobs log probabilities, when requested
 * @param extra every other field, preserved verbatim
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Choice(int index, Message message, String finishReason, JsonNode logprobs,
        @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {
    public Choice {
        extra = Extra.copy(extra);
    }
}
