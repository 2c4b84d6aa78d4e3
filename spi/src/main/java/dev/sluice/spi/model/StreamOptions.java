package dev.sluice.spi.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * Options of a streamed answer.
 *
 * @param includeUsage whether a last chunk with empty {@code choices} carries the usage
 * @param extra every other field, preserved verbatim
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StreamOptions(@JsonProperty("include_usage") Boolean includeUsage,
        @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {
    public StreamOptions {
        extra = Extra.copy(extra);
    }
}
