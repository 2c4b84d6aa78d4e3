package dev.sluice.spi.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * A function the model may call.
 *
 * @param name the function name
 * @param description what it does, for the model
 * @param parameters a JSON schema of its arguments
 * @param strict whether the model must follow the schema exactly
 * @param extra every other field, preserved verbatim
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FunctionDefinition(String name, String description, JsonNode parameters, Boolean strict,
        @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {
    public FunctionDefinition {
        extra = Extra.copy(extra);
    }
}
