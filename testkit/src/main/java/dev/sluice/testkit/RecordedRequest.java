package dev.sluice.testkit;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP request exactly as the fake upstream received it, for assertions on what the
 * gateway actually sent upstream (headers it added or stripped, the body it rewrote).
 *
 * @param method HTTP method, upper case ({@code POST})
 * @param path request path without the query string ({@code /v1/chat/completions})
 * @param headers header values by lower-case header name, in arrival order
 * @param body the body parsed as JSON; {@code MissingNode} when there was no body, a
 *     {@code TextNode} holding the raw text when the body was not valid JSON
 * @param rawBody the body as received, decoded as UTF-8 ({@code ""} when there was none)
 * @param query the raw query string without {@code ?} ({@code ""} when there was none)
 */
public record RecordedRequest(
        String method,
        String path,
        Map<String, List<String>> headers,
        JsonNode body,
        String rawBody,
        String query) {

    /** Copies the header map so later changes cannot leak into a recording. */
    public RecordedRequest {
        headers = Map.copyOf(headers);
    }

    /** The first value of a header, looked up case-insensitively. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** A query parameter's first value, decoded. */
    public Optional<String> queryParam(String name) {
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = java.net.URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq),
                    java.nio.charset.StandardCharsets.UTF_8);
            if (key.equals(name)) {
                return Optional.of(eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1),
                        java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }

    /** The model the request asked for, or null when the body names none. */
    public String model() {
        JsonNode model = body.path("model");
        return model.isTextual() ? model.asText() : null;
    }

    /** Whether the body asked for a streaming answer ({@code "stream": true}). */
    public boolean isStreaming() {
        return body.path("stream").asBoolean(false);
    }
}
