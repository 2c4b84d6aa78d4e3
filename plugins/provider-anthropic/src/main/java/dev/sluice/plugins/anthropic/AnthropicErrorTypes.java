package dev.sluice.plugins.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.spi.UpstreamException;
import dev.sluice.spi.provider.UpstreamErrors;
import java.util.Map;

/**
 * Anthropic's error types and the HTTP status each stands for, as Anthropic's errors page lists
 * them. An error that arrives inside a stream (after the 200) has no status of its own, so the
 * status of its type is the one that decides failover: {@code overloaded_error} (529),
 * {@code rate_limit_error} (429), {@code api_error} (500) and {@code timeout_error} (504) are
 * transient and retryable; the others are not. An unknown type counts as a non-retryable 500.
 */
final class AnthropicErrorTypes {
    private static final int UNKNOWN = 500;
    private static final Map<String, Integer> STATUS = Map.ofEntries(
            Map.entry("invalid_request_error", 400),
            Map.entry("authentication_error", 401),
            Map.entry("billing_error", 402),
            Map.entry("permission_error", 403),
            Map.entry("not_found_error", 404),
            Map.entry("request_too_large", 413),
            Map.entry("rate_limit_error", 429),
            Map.entry("api_error", 500),
            Map.entry("timeout_error", 504),
            Map.entry("overloaded_error", 529));

    private AnthropicErrorTypes() {
    }

    /** The HTTP status an error type stands for; 500 for types not known here. */
    static int status(String type) {
        return STATUS.getOrDefault(type, UNKNOWN);
    }

    /**
     * The failure an {@code error} object reports ({@code {"type": "overloaded_error", "message":
     * "Overloaded"}}), quoting its message with secrets redacted.
     */
    static UpstreamException failure(UpstreamErrors errors, JsonNode error) {
        String type = error.path("type").asText("");
        int status = status(type);
        boolean retryable = STATUS.containsKey(type) && UpstreamException.isRetryableStatus(status);
        String message = errors.failedMidStream(status, error).getMessage()
                + (type.isEmpty() ? "" : " (" + type + ")");
        return new UpstreamException(status, retryable, message, null, null);
    }
}
