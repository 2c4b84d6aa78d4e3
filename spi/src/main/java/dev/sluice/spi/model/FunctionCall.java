package dev.sluice.spi.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The function part of a tool call.
 *
 * @param name the function name
 * @param arguments the arguments as a JSON-encoded string (a fragment of it in stream chunks)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FunctionCall(String name, String arguments) {
}
