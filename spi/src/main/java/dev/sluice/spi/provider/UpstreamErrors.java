package dev.sluice.spi.provider;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.spi.Secrets;
import dev.sluice.spi.UpstreamException;
import dev.sluice.spi.http.UpstreamResponse;
import dev.sluice.spi.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Turns what went wrong with one provider's upstream into {@link UpstreamException}s whose status,
 * retryability and {@code Retry-After} drive failover, and whose messages quote the upstream's
 * own explanation without ever quoting a secret.
 */
public final class UpstreamErrors {
    /** How much of an upstream error message is quoted; enough to be useful, short enough for logs. */
    public static final int MAX_DETAIL = 300;

    /** Error bodies are small; a huge one is not worth reading whole. */
    private static final int MAX_ERROR_BODY = 64 * 1024;

    private final String provider;
    private final List<String> secrets;
    private final Clock clock;

    public UpstreamErrors(String provider, List<String> secrets, Clock clock) {
        this.provider = provider;
        this.secrets = List.copyOf(secrets);
        this.clock = clock;
    }

    /** Whether another target, or a later try, may succeed after this status. */
    public static boolean isRetryable(int status) {
        return UpstreamException.isRetryableStatus(status);
    }

    /** A non-2xx answer; reads (part of) its body for the upstream's explanation. */
    public UpstreamException answered(UpstreamResponse response) {
        int status = response.status();
        Optional<String> detail = readErrorBody(response).flatMap(this::detailOf);
        Optional<Duration> retryAfter = RetryAfter.parse(response::header, clock);
        String message = "provider '" + provider + "' answered HTTP " + status + detail.map(d -> ": " + d).orElse("");
        return new UpstreamException(status, isRetryable(status), message, retryAfter.orElse(null), null);
    }

    /**
     * A 2xx answer to a stream request that is JSON instead of events: some compatible servers
     * ignore {@code stream} or report errors this way.
     */
    public UpstreamException jsonInsteadOfStream(UpstreamResponse response) {
        int status = response.status();
        Optional<String> detail = readErrorBody(response).flatMap(this::detailOf);
        if (detail.isPresent()) {
            return new UpstreamException(status, true, "provider '" + provider
                    + "' answered a stream request with an error: " + detail.get(), null, null);
        }
        return unreadable(status, new IOException("expected text/event-stream, got "
                + response.header("content-type").orElse("no content type")));
    }

    /** An {@code error} event within a stream that had started well. */
    public UpstreamException failedMidStream(int status, JsonNode error) {
        String detail = explanation(error).map(this::clean).orElse("the stream ended with an error");
        return new UpstreamException(status, false, "provider '" + provider + "' failed mid-stream: " + detail,
                null, null);
    }

    /** The connection broke while a stream was being read. */
    public UpstreamException brokeMidStream(int status, Throwable cause) {
        return new UpstreamException(status, false, "provider '" + provider + "' broke off its stream ("
                + cause.getClass().getSimpleName() + ")", null, cause);
    }

    /** A 2xx answer whose body is not what the API promises. */
    public UpstreamException unreadable(int status, Throwable cause) {
        return new UpstreamException(status, true, "provider '" + provider + "' sent an unreadable answer", null,
                cause);
    }

    /** No answer at all: refused, reset, timed out. */
    public UpstreamException unreachable(UncheckedIOException e) {
        // The client wraps the real failure; unreachable() tells timeouts apart by the cause's type.
        return UpstreamException.unreachable(provider, e.getCause() == null ? e : e.getCause());
    }

    /**
     * The upstream's explanation from an error body: OpenAI's {@code {"error": {"message": …}}},
     * or the looser shapes compatible servers use ({@code {"error": "…"}}, {@code {"message": …}}).
     */
    public Optional<String> detailOf(byte[] body) {
        try {
            JsonNode tree = Json.tree(body);
            return explanation(tree.path("error")).or(() -> text(tree.path("message"))).map(this::clean);
        } catch (IOException e) {
            // Not JSON (an HTML error page from a proxy, say): quote nothing rather than markup.
            return Optional.empty();
        }
    }

    private static Optional<String> explanation(JsonNode error) {
        return error.isObject() ? text(error.path("message")) : text(error);
    }

    private static Optional<String> text(JsonNode node) {
        return node.isTextual() && !node.asText().isBlank() ? Optional.of(node.asText()) : Optional.empty();
    }

    /** Redacts before truncating, so that a secret cut in half cannot slip past the redaction. */
    private String clean(String text) {
        String redacted = Secrets.redact(text, secrets).replaceAll("\\s+", " ").strip();
        if (redacted.length() <= MAX_DETAIL) {
            return redacted;
        }
        int end = Character.isHighSurrogate(redacted.charAt(MAX_DETAIL - 1)) ? MAX_DETAIL - 1 : MAX_DETAIL;
        return redacted.substring(0, end) + "…";
    }

    private static Optional<byte[]> readErrorBody(UpstreamResponse response) {
        try {
            return Optional.of(response.body().readNBytes(MAX_ERROR_BODY));
        } catch (IOException | UncheckedIOException e) {
            // The status alone still says what happened.
            return Optional.empty();
        }
    }
}
