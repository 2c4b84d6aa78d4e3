package dev.sluice.plugins.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.spi.UpstreamException;
import dev.sluice.spi.http.UpstreamResponse;
import dev.sluice.spi.json.Json;
import dev.sluice.spi.provider.UpstreamErrors;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * Gemini's failures as {@link UpstreamException}s. Error bodies are Google's
 * {@code {"error": {"code", "message", "status", "details"}}}; the message is quoted (secrets
 * redacted) and status and retryability follow the HTTP status, as for every provider. What Gemini
 * adds is handled here: a {@code Retry-After} that only its body names ({@code RetryInfo}), error
 * bodies framed as {@code data:} events when the request asked for a stream, and {@code error}
 * events within a stream, whose {@code code} is the status of the failure.
 */
final class GeminiErrors {
    /** Error bodies are small; a huge one is not worth reading whole. */
    private static final int MAX_ERROR_BODY = 64 * 1024;

    private final UpstreamErrors errors;

    GeminiErrors(UpstreamErrors errors) {
        this.errors = errors;
    }

    /** The shared translator, for the failures that are not Gemini's own. */
    UpstreamErrors upstream() {
        return errors;
    }

    /** A non-2xx answer; its {@code RetryInfo} stands in for a missing {@code Retry-After} header. */
    UpstreamException answered(UpstreamResponse response) {
        byte[] body = readErrorBody(response);
        byte[] json = unframe(body);
        UpstreamException e = errors.answered(new Buffered(response, json));
        if (e.upstreamRetryAfter().isPresent()) {
            return e;
        }
        Optional<Duration> delay = errorObject(json).flatMap(GeminiRetryInfo::of);
        return delay.isEmpty() ? e
                : new UpstreamException(e.upstreamStatus(), e.retryable(), e.getMessage(), delay.get(), e.getCause());
    }

    /**
     * An {@code error} event in a stream that had started well. Its {@code code} (e.g. 503 when
     * the model is overloaded) is the status, so that a transient failure reads as retryable.
     */
    UpstreamException midStream(int status, JsonNode error) {
        int code = error.path("code").asInt(0);
        boolean known = code >= 400 && code <= 599;
        UpstreamException e = errors.failedMidStream(known ? code : status, error);
        return new UpstreamException(e.upstreamStatus(), known && UpstreamErrors.isRetryable(code), e.getMessage(),
                GeminiRetryInfo.of(error).orElse(null), null);
    }

    /** The error object of an error body, when the body is JSON with one. */
    private static Optional<JsonNode> errorObject(byte[] json) {
        try {
            JsonNode error = Json.tree(json).path("error");
            return error.isObject() ? Optional.of(error) : Optional.empty();
        } catch (IOException e) {
            // Not JSON: there is no RetryInfo to read.
            return Optional.empty();
        }
    }

    /**
     * The JSON of an error body: the body itself, or the data of its {@code data:} lines when
     * Gemini framed the error as an event because the request asked for {@code alt=sse}.
     */
    private static byte[] unframe(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8).strip();
        if (!text.startsWith("data:")) {
            return body;
        }
        StringBuilder data = new StringBuilder();
        for (String line : text.split("\r\n|\r|\n")) {
            if (line.startsWith("data:")) {
                data.append(line.substring(line.startsWith("data: ") ? 6 : 5)).append('\n');
            }
        }
        return data.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] readErrorBody(UpstreamResponse response) {
        try {
            return response.body().readNBytes(MAX_ERROR_BODY);
        } catch (IOException | UncheckedIOException e) {
            // The status alone still says what happened.
            return new byte[0];
        }
    }

    /** A response whose body was already read, handed on with the bytes read. */
    private record Buffered(UpstreamResponse response, byte[] content) implements UpstreamResponse {
        @Override
        public int status() {
            return response.status();
        }

        @Override
        public Optional<String> header(String name) {
            return response.header(name);
        }

        @Override
        public InputStream body() {
            return new ByteArrayInputStream(content);
        }

        @Override
        public void close() {
            response.close();
        }
    }
}
