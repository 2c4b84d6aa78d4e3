package dev.sluice.spi.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * A tool the model may call.
 *
 * @param type {@code function} (other types are preserved in {@link #extra()})
 * @param function the function's name, description and JSON-schema parameters
 * @param extra every other field, preserved verbatim
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Tool(String type, FunctionDefinition function,
        @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {
    public Tool {
        extra = Extra.copy(extra);
    }

    /** A function tool. */
    public static Tool function(String name, String description, JsonNode parameters) {
        return new Tool("function", new FunctionDefinition(name, description, parameters, null, Map.of()), Map.of());
    }
}
