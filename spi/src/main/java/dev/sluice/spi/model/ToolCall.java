package dev.sluice.spi.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * A tool call made by the model. In stream chunks calls arrive in pieces: {@code index} says which
 * call a piece belongs to, and {@code function.arguments} grows piece by piece.
 *
 * @param index the call's position (stream chunks only)
 * @param id the call id, answered by a {@code tool} message's {@code tool_call_id}
 * @param type {@code function}
 * @param function the function name and its JSON-encoded arguments
 * @param extra every other field, preserved verbatim
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ToolCall(Integer index, String id, String type, FunctionCall function,
        @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {
    public ToolCall {
        extra = Extra.copy(extra);
    }

    /** A complete function call. */
    public static ToolCall function(String id, String name, String arguments) {
        return new ToolCall(null, id, "function", new FunctionCall(name, arguments), Map.of());
    }
}
