package dev.sluice.plugins.anthropic;

import static dev.sluice.plugins.anthropic.Fixtures.exchange;
import static dev.sluice.plugins.anthropic.Upstreams.KEY;
import static dev.sluice.plugins.anthropic.Upstreams.provider;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.spi.UpstreamException;
import dev.sluice.spi.model.ChatRequest;
import dev.sluice.spi.model.Message;
import dev.sluice.testkit.replay.Replay;
import dev.sluice.testkit.replay.ReplayUpstream;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnthropicErrorsTest {
    private static final ChatRequest HELLO = ChatRequest.of("claude-sonnet-4-5", List.of(Message.of("user", "Hello")));

    @AutoClose
    private final ReplayUpstream upstream = ReplayUpstream.start();

    private UpstreamException failure() {
        try {
            provider(upstream).chat(HELLO, exchange(HELLO));
        } catch (UpstreamException e) {
            return e;
        }
        throw new AssertionError("the call succeeded");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "400-invalid-request.json    | 400 | false | roles must alternate",
        "401-authentication.json     | 401 | false | invalid x-api-key",
        "403-permission.json         | 403 | false | does not have permission",
        "404-not-found.json          | 404 | false | model: claude-sonnet-9",
        "413-request-too-large.json  | 413 | false | maximum allowed number of bytes",
        "429-rate-limit.json         | 429 | true  | exceed the rate limit",
        "500-api.json                | 500 | true  | Internal server error",
        "529-overloaded.json         | 529 | true  | Overloaded",
    })
    void errorAnswerKeepsStatusRetryabilityAndMessage(String file, int status, boolean retryable, String message) {
        upstream.enqueue(Replay.json(status, Fixtures.text("errors/" + file)));

        UpstreamException e = failure();

        assertThat(e.upstreamStatus()).isEqualTo(status);
        assertThat(e.retryable()).isEqualTo(retryable);
        assertThat(e.getMessage()).contains("provider 'anthropic'").contains(message);
    }

    @Test
    void rateLimitCarriesRetryAfter() {
        upstream.enqueue(Replay.json(429, Fixtures.text("errors/429-rate-limit.json")).withHeader("retry-after", "30"));

        UpstreamException e = failure();

        assertThat(e.upstreamRetryAfter()).contains(Duration.ofSeconds(30));
    }

    @Test
    void keyQuotedByTheUpstreamIsRedacted() {
        upstream.enqueue(Replay.json(401, """
                {"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key %s"}}
                """.formatted(KEY)));

        UpstreamException e = failure();

        assertThat(e.getMessage()).doesNotContain(KEY).contains("[REDACTED]");
    }

    @Test
    void unreadableAnswerIsAnUpstreamFailure() {
        upstream.enqueue(Replay.json(200, "<html>bad gateway</html>"));

        UpstreamException e = failure();

        assertThat(e.getMessage()).contains("unreadable");
    }

    @Test
    void answerWithoutContentIsUnreadable() {
        upstream.enqueue(Replay.json(200, "{\"type\": \"message\"}"));

        assertThat(failure().getMessage()).contains("unreadable");
    }
}
