package dev.sluice.testkit;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A complete, non-streaming HTTP answer as {@link SseClient} received it.
 *
 * @param status HTTP status code
 * @param headers header values by lower-case header name
 * @param body the body decoded as UTF-8
 */
public record HttpResult(int status, Map<String, List<String>> headers, String body) {

    /** Copies the header map so the result is immutable. */
    public HttpResult {
        headers = Map.copyOf(headers);
    }

    /** The first value of a header, looked up case-insensitively. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /**
     * The body parsed as JSON.
     *
     * @throws UncheckedIOException if it is not JSON
     */
    public JsonNode json() {
        try {
            return OpenAiJson.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("body is not JSON: " + body, e);
        }
    }
}
