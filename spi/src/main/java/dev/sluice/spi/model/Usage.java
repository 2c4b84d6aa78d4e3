package dev.sluice.spi.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Map;

/**
 * Token usage of one answer.
 *
 * @param promptTokens input tokens
 * @param completionTokens output tokens
 * @param totalTokens input plus output
 * @param promptTokensDetails e.g. {@code {"cached_tokens": 1024}}
 * @param completionTokensDetails e.g. {@code {"reasoning_tokens": 64}}
 * @param extra every other field, preserved verbatim
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Usage(int promptTokens, int completionTokens, int totalTokens, JsonNode promptTokensDetails,
        JsonNode completionTokensDetails, @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {
    public Usage {
        extra = Extra.copy(extra);
    }

    /** Usage from the two counts. */
    public static Usage of(int promptTokens, int completionTokens) {
        return new Usage(promptTokens, completionTokens, promptTokens + completionTokens, null, null, Map.of());
    }
}
