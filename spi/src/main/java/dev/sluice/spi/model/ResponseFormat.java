package dev.sluice.spi.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * The requested output format.
 *
 * @param type {@code text}, {@code json_object} or {@code json_schema}
 * @param jsonSchema for {@code json_schema}: {@code {name, schema, strict}}
 * @param extra every other field, preserved verbatim
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResponseFormat(String type, @JsonProperty("json_schema") JsonNode jsonSchema,
        @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {
    public ResponseFormat {
        extra = Extra.copy(extra);
    }
}
