package dev.sluice.plugins.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.spi.Exchange;
import dev.sluice.spi.Provider;
import dev.sluice.spi.UpstreamException;
import dev.sluice.spi.model.ChatResponse;
import dev.sluice.testkit.client.TestGatewayContext;
import dev.sluice.testkit.replay.Replay;
import dev.sluice.testkit.replay.ReplayUpstream;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** Complete answers and error answers of the presets, replayed over real HTTP. */
class PresetAnswersTest {
    @AutoClose
    private final ReplayUpstream upstream = ReplayUpstream.start();

    private Provider provider(Preset preset, Map<String, String> extra) {
        Map<String, String> settings = new java.util.HashMap<>(Map.of("api_key", Adapters.KEY,
                "base_url", upstream.baseUrl() + "/v1"));
        settings.putAll(extra);
        return Adapters.of(preset).create(preset.type(), OpenAiConfigTest.settings(Adapters.settings(settings)),
                TestGatewayContext.create());
    }

    private ChatResponse chat(Preset preset, Replay answer, Exchange exchange) {
        upstream.enqueue(answer);
        return provider(preset, Map.of()).chat(Adapters.hello(false), exchange);
    }

    private UpstreamException failure(Preset preset, Replay answer) {
        upstream.enqueue(answer);
        Provider provider = provider(preset, Map.of());
        return (UpstreamException) org.assertj.core.api.Assertions.catchThrowable(
                () -> provider.chat(Adapters.hello(false), Adapters.exchange(Adapters.hello(false))));
    }

    @Test
    void mistralModelLengthBecomesLength() {
        ChatResponse answer = chat(Preset.MISTRAL, Replay.resource("presets/mistral/chat-completion.json"),
                Adapters.exchange(Adapters.hello(false)));

        assertThat(answer.choices().get(0).finishReason()).isEqualTo("length");
        assertThat(answer.choices().get(0).message().text()).isEqualTo("The weather in Paris is usually mild, but");
        assertThat(answer.usage().totalTokens()).isEqualTo(26);
        assertThat(answer.id()).isEqualTo("cmpl-e5cc70bb28c444948073e77776eb30ef");
    }

    @Test
    void aRewrittenAnswerIsNotRelayedAsTheUpstreamsBytes() {
        Exchange exchange = Adapters.exchange(Adapters.hello(false));

        ChatResponse answer = chat(Preset.MISTRAL, Replay.resource("presets/mistral/chat-completion.json"), exchange);

        assertThat(exchange.answerJson(answer)).isEmpty();
    }

    @Test
    void anUnchangedPresetAnswerIsRelayedAsTheUpstreamsBytes() {
        Exchange exchange = Adapters.exchange(Adapters.hello(false));

        ChatResponse answer = chat(Preset.GROQ, Replay.resource("presets/chat-completion.json"), exchange);

        assertThat(exchange.answerJson(answer)).isPresent();
    }

    @Test
    void plainOpenAiAnswerIsRelayedAsTheUpstreamsBytes() {
        Exchange exchange = Adapters.exchange(Adapters.hello(false));

        ChatResponse answer = chat(Preset.OPENAI, Replay.resource("presets/chat-completion.json"), exchange);

        assertThat(exchange.answerJson(answer)).isPresent();
    }

    @Test
    void openRouterErrorInsideA200IsARetryableFailure() {
        UpstreamException e = failure(Preset.OPENROUTER, Replay.resource("presets/openrouter/error-200.json"));

        assertThat(e).hasMessage("provider 'openrouter' answered with an error: Provider returned error");
        assertThat(e.upstreamStatus()).isEqualTo(200);
        assertThat(e.retryable()).isTrue();
    }

    @Test
    void openRouterOutOfCreditsIsNotRetryable() {
        UpstreamException e = failure(Preset.OPENROUTER,
                Replay.json(402, Replay.text("presets/openrouter/error-402.json")));

        assertThat(e.upstreamStatus()).isEqualTo(402);
        assertThat(e.retryable()).isFalse();
        assertThat(e).hasMessageStartingWith("provider 'openrouter' answered HTTP 402: Insufficient credits.");
    }

    @Test
    void mistralValidationErrorKeepsItsStatus() {
        UpstreamException e = failure(Preset.MISTRAL, Replay.json(422, Replay.text("presets/mistral/error-422.json")));

        assertThat(e.upstreamStatus()).isEqualTo(422);
        assertThat(e.retryable()).isFalse();
        assertThat(e).hasMessage("provider 'mistral' answered HTTP 422");
    }

    @Test
    void mistralPlainErrorMessageIsQuoted() {
        UpstreamException e = failure(Preset.MISTRAL,
                Replay.json(400, Replay.text("presets/mistral/error-400-tool-call-id.json")));

        assertThat(e).hasMessageStartingWith("provider 'mistral' answered HTTP 400: Tool call id was");
    }

    @Test
    void groqRateLimitIsRetryableWithItsRetryAfter() {
        UpstreamException e = failure(Preset.GROQ, Replay.json(429, Replay.text("presets/groq/error-429.json"))
                .withHeader("retry-after", "4"));

        assertThat(e.retryable()).isTrue();
        assertThat(e.upstreamRetryAfter()).contains(Duration.ofSeconds(4));
        assertThat(e).hasMessageContaining("Rate limit reached for model `llama-3.3-70b-versatile`");
    }

    @Test
    void keyEchoedInAPresetErrorIsRedacted() {
        UpstreamException e = failure(Preset.OPENROUTER, Replay.json(200,
                "{\"error\":{\"message\":\"bad key " + Adapters.KEY + "\"},\"choices\":[]}"));

        assertThat(e.getMessage()).doesNotContain(Adapters.KEY).endsWith("bad key [REDACTED]");
    }

    @Test
    void mistralRequestOverHttpCarriesOnlyWhatMistralAccepts() {
        upstream.enqueue(Replay.resource("presets/mistral/stream.sse"));
        Provider provider = provider(Preset.MISTRAL, Map.of());

        Adapters.readAll(provider.stream(Adapters.hello(true), Adapters.exchange(Adapters.hello(true))));

        assertThat(upstream.lastRequest().path()).isEqualTo("/v1/chat/completions");
        assertThat(upstream.lastRequest().body().get("stream").asBoolean()).isTrue();
        assertThat(upstream.lastRequest().body().has("stream_options")).isFalse();
    }

    @Test
    void openRouterAttributionIsSentAsHeaders() {
        upstream.enqueue(Replay.resource("presets/chat-completion.json"));
        Provider provider = provider(Preset.OPENROUTER, Map.of("site_url", "https://chat.acme.example",
                "app_name", "Acme Chat"));

        provider.chat(Adapters.hello(false), Adapters.exchange(Adapters.hello(false)));

        assertThat(upstream.lastRequest().header("http-referer")).contains("https://chat.acme.example");
        assertThat(upstream.lastRequest().header("x-openrouter-title")).contains("Acme Chat");
    }

    @Test
    void configuredHeadersWinOverTheAttribution() {
        upstream.enqueue(Replay.resource("presets/chat-completion.json"));
        Provider overridden = Adapters.of(Preset.OPENROUTER).create("openrouter", OpenAiConfigTest.settings(
                "{\"api_key\":\"k\",\"base_url\":\"" + upstream.baseUrl() + "/v1\",\"app_name\":\"Acme\","
                        + "\"headers\":{\"X-OpenRouter-Title\":\"Other\"}}"), TestGatewayContext.create());

        overridden.chat(Adapters.hello(false), Adapters.exchange(Adapters.hello(false)));

        assertThat(upstream.lastRequest().header("x-openrouter-title")).contains("Other");
    }

    @Test
    void groqRefusalHappensBeforeAnyCall() {
        Provider provider = provider(Preset.GROQ, Map.of());
        var request = new dev.sluice.spi.model.ChatRequest("m", Adapters.hello(false).messages(), null, null, null,
                null, null, null, null, null, null, null, null, 2, null, null, null, null, Map.of());

        assertThatThrownBy(() -> provider.chat(request, Adapters.exchange(request)))
                .hasMessage("provider 'groq' returns one choice per request; 'n' must be 1");
        assertThat(upstream.requestCount()).isZero();
    }
}
