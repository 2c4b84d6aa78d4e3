package dev.sluice.plugins.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.sluice.spi.Provider;
import dev.sluice.spi.UpstreamException;
import dev.sluice.spi.model.ChatRequest;
import dev.sluice.spi.provider.UpstreamErrors;
import dev.sluice.testkit.replay.Replay;
import dev.sluice.testkit.replay.ReplayUpstream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** Gemini's published error answers, served over real HTTP, as the gateway sees them. */
class GeminiErrorsTest {
    @AutoClose
    private final ReplayUpstream upstream = ReplayUpstream.start();
    private final Provider provider = Upstreams.provider(upstream);

    private UpstreamException chatAnswered(Replay reply) {
        upstream.enqueue(reply);
        ChatRequest request = Upstreams.hello("gemini-2.5-flash");
        return catchThrowableOfType(UpstreamException.class, () -> provider.chat(request, Upstreams.exchange(request)));
    }

    private UpstreamException streamAnswered(Replay reply) {
        upstream.enqueue(reply);
        ChatRequest request = Upstreams.hello("gemini-2.5-flash").withStream(true);
        return catchThrowableOfType(UpstreamException.class, () -> provider.stream(request, Upstreams.exchange(request)));
    }

    private static Replay error(int status, String fixture) {
        return Replay.json(status, Fixtures.text("errors/" + fixture));
    }

    @Test
    void quotaExhaustedIsRetryableAfterTheDelayItsBodyNames() {
        UpstreamException e = chatAnswered(error(429, "429-quota-retry-info.json"));

        assertThat(e.upstreamStatus()).isEqualTo(429);
        assertThat(e.retryable()).isTrue();
        assertThat(e.upstreamRetryAfter()).contains(Duration.ofSeconds(26));
        assertThat(e.getMessage()).isEqualTo("provider 'gemini' answered HTTP 429: You exceeded your current quota, "
                + "please check your plan and billing details. For more information on this error, head to: "
                + "https://ai.google.dev/gemini-api/docs/rate-limits.");
    }

    @Test
    void retryAfterHeaderWinsOverTheBodysRetryInfo() {
        UpstreamException e = chatAnswered(error(429, "429-quota-retry-info.json").withHeader("retry-after", "3"));

        assertThat(e.upstreamRetryAfter()).contains(Duration.ofSeconds(3));
    }

    @Test
    void streamRequestRefusedWithQuotaExhaustedCarriesTheDelayToo() {
        UpstreamException e = streamAnswered(error(429, "429-quota-retry-info.json"));

        assertThat(e.retryable()).isTrue();
        assertThat(e.upstreamRetryAfter()).contains(Duration.ofSeconds(26));
    }

    @Test
    void invalidApiKeyIsNotRetryable() {
        UpstreamException e = chatAnswered(error(400, "400-api-key-invalid.json"));

        assertThat(e.upstreamStatus()).isEqualTo(400);
        assertThat(e.retryable()).isFalse();
        assertThat(e.upstreamRetryAfter()).isEmpty();
        assertThat(e.getMessage())
                .isEqualTo("provider 'gemini' answered HTTP 400: API key not valid. Please pass a valid API key.");
    }

    @Test
    void blockedServiceIsAPermissionFailure() {
        UpstreamException e = chatAnswered(error(403, "403-service-blocked.json"));

        assertThat(e.upstreamStatus()).isEqualTo(403);
        assertThat(e.retryable()).isFalse();
        assertThat(e.getMessage()).startsWith("provider 'gemini' answered HTTP 403: Requests to this API");
    }

    @Test
    void unknownModelIsNotFound() {
        UpstreamException e = chatAnswered(error(404, "404-model-not-found.json"));

        assertThat(e.upstreamStatus()).isEqualTo(404);
        assertThat(e.retryable()).isFalse();
        assertThat(e.getMessage()).startsWith("provider 'gemini' answered HTTP 404: models/gemini-pro is not found");
    }

    @Test
    void errorFramedAsAnEventOfARefusedStreamIsQuoted() {
        Replay framed = Replay.sse(Fixtures.text("errors/404-model-not-found-stream.sse")).withStatus(404);

        UpstreamException e = streamAnswered(framed);

        assertThat(e.upstreamStatus()).isEqualTo(404);
        assertThat(e.getMessage())
                .startsWith("provider 'gemini' answered HTTP 404: models/custom-gemini-2.0-flash is not found");
    }

    @Test
    void internalErrorIsRetryable() {
        UpstreamException e = chatAnswered(error(500, "500-internal.json"));

        assertThat(e.retryable()).isTrue();
        assertThat(e.getMessage()).isEqualTo("provider 'gemini' answered HTTP 500: An internal error has occurred. "
                + "Please retry or report in https://developers.generativeai.google/guide/troubleshooting");
    }

    @Test
    void overloadedModelIsRetryable() {
        UpstreamException e = streamAnswered(error(503, "503-overloaded.json"));

        assertThat(e.upstreamStatus()).isEqualTo(503);
        assertThat(e.retryable()).isTrue();
        assertThat(e.getMessage())
                .isEqualTo("provider 'gemini' answered HTTP 503: The model is overloaded. Please try again later.");
    }

    @Test
    void keyEchoedByTheUpstreamIsRedacted() {
        String body = "{\"error\": {\"code\": 400, \"message\": \"API key " + Upstreams.KEY + " not valid.\","
                + " \"status\": \"INVALID_ARGUMENT\"}}";

        UpstreamException e = chatAnswered(Replay.json(400, body));

        assertThat(e.getMessage()).doesNotContain(Upstreams.KEY).endsWith("API key [REDACTED] not valid.");
    }

    @Test
    void errorEventWithoutACodeIsNotRetryable() {
        GeminiErrors errors = new GeminiErrors(new UpstreamErrors("gemini", List.of(), Clock.systemUTC()));

        UpstreamException e = errors.midStream(200, Fixtures.tree("{\"message\": \"Something went wrong\"}"));

        assertThat(e.upstreamStatus()).isEqualTo(200);
        assertThat(e.retryable()).isFalse();
        assertThat(e.getMessage()).isEqualTo("provider 'gemini' failed mid-stream: Something went wrong");
    }

    @Test
    void quotaErrorEventMidStreamCarriesItsRetryInfo() {
        GeminiErrors errors = new GeminiErrors(new UpstreamErrors("gemini", List.of(), Clock.systemUTC()));

        UpstreamException e = errors.midStream(200, Fixtures.json("errors/429-quota-retry-info.json").path("error"));

        assertThat(e.upstreamStatus()).isEqualTo(429);
        assertThat(e.retryable()).isTrue();
        assertThat(e.upstreamRetryAfter()).contains(Duration.ofSeconds(26));
    }
}
