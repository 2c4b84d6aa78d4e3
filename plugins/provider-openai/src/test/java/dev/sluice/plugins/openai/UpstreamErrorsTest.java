package dev.sluice.plugins.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.spi.ErrorType;
import dev.sluice.spi.provider.UpstreamErrors;
import dev.sluice.spi.UpstreamException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class UpstreamErrorsTest {
    private static final String KEY = "sk-test-7f3a9c1e5b2d4f6a8c0e";

    private final UpstreamErrors errors = new UpstreamErrors("openai", List.of(KEY),
            Clock.fixed(FixedContext.NOW, ZoneOffset.UTC));

    private static CannedResponse golden(int status, String name) {
        return CannedResponse.resource(status, "application/json", name);
    }

    @Test
    void unauthorizedQuotesTheUpstreamMessage() {
        UpstreamException e = errors.answered(golden(401, "error-401.json"));

        assertThat(e.getMessage()).isEqualTo("provider 'openai' answered HTTP 401: Incorrect API key provided: "
                + "sk-proj-********************************************8c0e. You can find your API key at "
                + "https://platform.openai.com/account/api-keys.");
    }

    @Test
    void unauthorizedIsNotRetryable() {
        UpstreamException e = errors.answered(golden(401, "error-401.json"));

        assertThat(e.upstreamStatus()).isEqualTo(401);
        assertThat(e.retryable()).isFalse();
    }

    @Test
    void apiKeyEchoedByTheUpstreamIsRedacted() {
        String body = "{\"error\":{\"message\":\"Incorrect API key provided: " + KEY + ".\",\"type\":"
                + "\"invalid_request_error\",\"param\":null,\"code\":\"invalid_api_key\"}}";

        UpstreamException e = errors.answered(CannedResponse.json(401, body));

        assertThat(e.getMessage()).doesNotContain(KEY).endsWith("Incorrect API key provided: [REDACTED].");
    }

    @Test
    void rateLimitIsRetryableWithTheRetryAfterSeconds() {
        UpstreamException e = errors.answered(golden(429, "error-429.json").withHeader("retry-after", "20"));

        assertThat(e.retryable()).isTrue();
        assertThat(e.upstreamRetryAfter()).contains(Duration.ofSeconds(20));
        assertThat(e.getMessage()).startsWith("provider 'openai' answered HTTP 429: Rate limit reached for gpt-4o-mini");
    }

    @Test
    void retryAfterMillisecondsWinOverSeconds() {
        UpstreamException e = errors.answered(golden(429, "error-429.json")
                .withHeader("retry-after", "1").withHeader("retry-after-ms", "120"));

        assertThat(e.upstreamRetryAfter()).contains(Duration.ofMillis(120));
    }

    @Test
    void retryAfterAsAnHttpDateIsMeasuredFromTheClock() {
        UpstreamException e = errors.answered(golden(503, "error-500.json")
                .withHeader("retry-after", "Fri, 01 Aug 2025 12:00:30 GMT"));

        assertThat(e.upstreamRetryAfter()).contains(Duration.ofSeconds(30));
    }

    @Test
    void serverErrorIsRetryableWithoutRetryAfter() {
        UpstreamException e = errors.answered(golden(500, "error-500.json"));

        assertThat(e.retryable()).isTrue();
        assertThat(e.upstreamRetryAfter()).isEmpty();
        assertThat(e.type()).isEqualTo(ErrorType.UPSTREAM);
        assertThat(e.getMessage()).isEqualTo("provider 'openai' answered HTTP 500: "
                + "The server had an error while processing your request. Sorry about that!");
    }

    @Test
    void badRequestIsNotRetryable() {
        String body = "{\"error\":{\"message\":\"Invalid value for 'temperature'.\",\"type\":"
                + "\"invalid_request_error\",\"param\":\"temperature\",\"code\":null}}";

        assertThat(errors.answered(CannedResponse.json(400, body)).retryable()).isFalse();
    }

    @Test
    void timeoutAndConflictStatusesAreRetryable() {
        assertThat(UpstreamErrors.isRetryable(408)).isTrue();
        assertThat(UpstreamErrors.isRetryable(409)).isTrue();
        assertThat(UpstreamErrors.isRetryable(404)).isFalse();
    }

    @Test
    void nonJsonBodyIsNotQuoted() {
        UpstreamException e = errors.answered(new CannedResponse(502, java.util.Map.of(),
                new java.io.ByteArrayInputStream("<html><body>Bad Gateway</body></html>".getBytes())));

        assertThat(e.getMessage()).isEqualTo("provider 'openai' answered HTTP 502");
    }

    @Test
    void errorAsAPlainStringIsQuoted() {
        UpstreamException e = errors.answered(CannedResponse.json(404, "{\"error\":\"model 'llama9' not found\"}"));

        assertThat(e.getMessage()).isEqualTo("provider 'openai' answered HTTP 404: model 'llama9' not found");
    }

    @Test
    void longUpstreamMessageIsTruncated() {
        String body = "{\"error\":{\"message\":\"" + "x".repeat(1000) + "\"}}";

        UpstreamException e = errors.answered(CannedResponse.json(400, body));

        assertThat(e.getMessage()).isEqualTo("provider 'openai' answered HTTP 400: " + "x".repeat(300) + "…");
    }

    @Test
    void connectFailureIsUnreachableAndRetryable() {
        UpstreamException e = errors.unreachable(new UncheckedIOException(new ConnectException("refused")));

        assertThat(e.upstreamStatus()).isZero();
        assertThat(e.retryable()).isTrue();
        assertThat(e.type()).isEqualTo(ErrorType.UPSTREAM);
        assertThat(e.getMessage()).isEqualTo("provider 'openai' could not be reached (ConnectException)");
    }

    @Test
    void readTimeoutIsATimeout() {
        UpstreamException e = errors.unreachable(new UncheckedIOException(new SocketTimeoutException("read")));

        assertThat(e.type()).isEqualTo(ErrorType.TIMEOUT);
        assertThat(e.getMessage()).isEqualTo("provider 'openai' timed out (SocketTimeoutException)");
    }
}
