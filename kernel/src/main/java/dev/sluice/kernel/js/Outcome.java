package dev.sluice.kernel.js;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * What one hook call returned, as plain JSON: the value, its JavaScript type ({@code "undefined"},
 * {@code "string"}, {@code "array"}, {@code "object"}, ...), and the lines it logged.
 *
 * @param type the JavaScript type of the returned value
 * @param result the value as JSON ({@code null} for undefined or null)
 * @param logs what the hook passed to {@code ctx.log}
 */
public record Outcome(String type, JsonNode result, List<String> logs) {
    public Outcome {
        logs = List.copyOf(logs);
    }

    /** Whether the hook returned nothing ({@code undefined} or {@code null}). */
    public boolean empty() {
        return result == null || result.isNull() || result.isMissingNode();
    }
}
