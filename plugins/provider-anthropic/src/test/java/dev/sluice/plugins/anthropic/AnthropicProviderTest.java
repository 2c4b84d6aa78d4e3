package dev.sluice.plugins.anthropic;

import static dev.sluice.plugins.anthropic.Fixtures.exchange;
import static dev.sluice.plugins.anthropic.Fixtures.json;
import static dev.sluice.plugins.anthropic.Fixtures.request;
import static dev.sluice.plugins.anthropic.Fixtures.tree;
import static dev.sluice.plugins.anthropic.Fixtures.written;
import static dev.sluice.plugins.anthropic.Upstreams.KEY;
import static dev.sluice.plugins.anthropic.Upstreams.drain;
import static dev.sluice.plugins.anthropic.Upstreams.provider;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.spi.Exchange;
import dev.sluice.spi.InboundApi;
import dev.sluice.spi.NativeRequest;
import dev.sluice.spi.NativeResponse;
import dev.sluice.spi.Provider;
import dev.sluice.spi.UpstreamException;
import dev.sluice.spi.model.ChatRequest;
import dev.sluice.spi.model.ChatResponse;
import dev.sluice.spi.model.Message;
import dev.sluice.spi.model.ModelInfo;
import dev.sluice.testkit.RecordedRequest;
import dev.sluice.testkit.replay.Replay;
import dev.sluice.testkit.replay.ReplayUpstream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

class AnthropicProviderTest {
    /** What an Anthropic-speaking client sent: fields the canonical model cannot carry included. */
    private static final String NATIVE_BODY = """
            {"model": "sonnet", "max_tokens": 1024, "top_k": 5,
             "thinking": {"type": "enabled", "budget_tokens": 512},
             "system": [{"type": "text", "text": "Be terse.", "cache_control": {"type": "ephemeral"}}],
             "messages": [{"role": "user", "content": [
               {"type": "text", "text": "Hello", "cache_control": {"type": "ephemeral", "ttl": "1h"}}]}]}
            """;
    /** The kernel's canonical translation of that body; the route resolves "sonnet" to an upstream model. */
    private static final ChatRequest TRANSLATED = ChatRequest.of("sonnet",
            List.of(Message.of("system", "Be terse."), Message.of("user", "Hello")));
    private static final String UPSTREAM_MODEL = "claude-sonnet-4-5-20250929";

    @AutoClose
    private final ReplayUpstream upstream = ReplayUpstream.start();

    private static Exchange nativeExchange(Map<String, String> headers) {
        Exchange exchange = exchange(InboundApi.ANTHROPIC, TRANSLATED, headers);
        exchange.attribute(NativeRequest.KEY,
                new NativeRequest(InboundApi.ANTHROPIC, (ObjectNode) tree(NATIVE_BODY), TRANSLATED));
        return exchange;
    }

    private static ObjectNode nativeBodyFor(String model) {
        ObjectNode body = (ObjectNode) tree(NATIVE_BODY);
        body.put("model", model);
        return body;
    }

    @Test
    void chatPostsTheTranslatedRequestToMessages() {
        upstream.enqueue(Replay.resource("anthropic/answers/text.anthropic.json"));
        ChatRequest request = request("requests/basic.openai.json");

        provider(upstream).chat(request, exchange(request));

        RecordedRequest sent = upstream.lastRequest();
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.path()).isEqualTo("/v1/messages");
        assertThat(sent.body()).isEqualTo(json("requests/basic.anthropic.json"));
    }

    @Test
    void chatSendsKeyVersionAndJsonHeaders() {
        upstream.enqueue(Replay.resource("anthropic/answers/text.anthropic.json"));
        ChatRequest request = request("requests/basic.openai.json");

        provider(upstream).chat(request, exchange(request));

        RecordedRequest sent = upstream.lastRequest();
        assertThat(sent.header("x-api-key")).contains(KEY);
        assertThat(sent.header("anthropic-version")).contains("2023-06-01");
        assertThat(sent.header("content-type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(sent.header("accept")).contains("application/json");
        assertThat(sent.header("anthropic-beta")).isEmpty();
        assertThat(sent.header("authorization")).isEmpty();
    }

    @Test
    void chatAnswerIsTheOpenAiTranslation() {
        upstream.enqueue(Replay.resource("anthropic/answers/tool-use.anthropic.json"));
        ChatRequest request = request("requests/tool-history.openai.json");

        ChatResponse answer = provider(upstream).chat(request, exchange(request));

        assertThat(written(answer)).isEqualTo(json("answers/tool-use.openai.json"));
    }

    @Test
    void chatKeepsTheUpstreamBytesForAnthropicClients() {
        upstream.enqueue(Replay.resource("anthropic/answers/text.anthropic.json"));
        ChatRequest request = request("requests/basic.openai.json");
        Exchange exchange = exchange(request);

        ChatResponse answer = provider(upstream).chat(request, exchange);

        NativeResponse kept = exchange.attribute(NativeResponse.KEY).orElseThrow();
        assertThat(new String(kept.body(), StandardCharsets.UTF_8)).isEqualTo(Fixtures.text("answers/text.anthropic.json"));
        assertThat(kept.standsFor(InboundApi.ANTHROPIC, answer)).isTrue();
        assertThat(kept.standsFor(InboundApi.OPENAI, answer)).isFalse();
    }

    @Test
    void configuredBetasAreSentCommaJoined() {
        upstream.enqueue(Replay.resource("anthropic/answers/text.anthropic.json"));
        ChatRequest request = request("requests/basic.openai.json");

        provider(upstream, "\"anthropic_beta\": [\"context-1m-2025-08-07\", \"files-api-2025-04-14\"]")
                .chat(request, exchange(request));

        assertThat(upstream.lastRequest().header("anthropic-beta")).contains("context-1m-2025-08-07,files-api-2025-04-14");
    }

    @Test
    void configuredVersionAndHeadersAreSent() {
        upstream.enqueue(Replay.resource("anthropic/answers/text.anthropic.json"));
        ChatRequest request = request("requests/basic.openai.json");

        provider(upstream, "\"anthropic_version\": \"2024-02-02\", \"headers\": {\"x-api-key\": \"sk-ant-override-1234\"}")
                .chat(request, exchange(request));

        RecordedRequest sent = upstream.lastRequest();
        assertThat(sent.header("anthropic-version")).contains("2024-02-02");
        assertThat(sent.header("x-api-key")).contains("sk-ant-override-1234");
    }

    @Test
    void noApiKeySendsNoKeyHeader() {
        upstream.enqueue(Replay.resource("anthropic/answers/text.anthropic.json"));
        ChatRequest request = request("requests/basic.openai.json");
        Provider provider = new AnthropicAdapter().create("anthropic",
                Fixtures.settings("{\"base_url\": \"" + upstream.baseUrl() + "\"}"),
                new dev.sluice.testkit.client.TestGatewayContext(Fixtures.CLOCK, Map.of()));

        provider.chat(request, exchange(request));

        assertThat(upstream.lastRequest().header("x-api-key")).isEmpty();
    }

    @Test
    void anthropicClientsBodyIsSentAsItCameWithTheUpstreamModel() {
        upstream.enqueue(Replay.resource("anthropic/answers/text.anthropic.json"));

        provider(upstream).chat(TRANSLATED.withModel(UPSTREAM_MODEL), nativeExchange(Map.of()));

        assertThat(upstream.lastRequest().body()).isEqualTo(nativeBodyFor(UPSTREAM_MODEL));
    }

    @Test
    void anthropicClientsBodyIsStreamedAsItCame() {
        upstream.enqueue(Replay.resource("anthropic/streams/text.sse"));

        drain(provider(upstream).stream(TRANSLATED.withModel(UPSTREAM_MODEL).withStream(true), nativeExchange(Map.of())));

        assertThat(upstream.lastRequest().body()).isEqualTo(nativeBodyFor(UPSTREAM_MODEL).put("stream", true));
    }

    @Test
    void anthropicClientsBetasGoAlongWithItsBody() {
        upstream.enqueue(Replay.resource("anthropic/answers/text.anthropic.json"));

        provider(upstream, "\"anthropic_beta\": \"files-api-2025-04-14\"").chat(TRANSLATED.withModel(UPSTREAM_MODEL),
                nativeExchange(Map.of("anthropic-beta", "context-1m-2025-08-07, files-api-2025-04-14")));

        assertThat(upstream.lastRequest().header("anthropic-beta")).contains("files-api-2025-04-14,context-1m-2025-08-07");
    }

    @Test
    void changedRequestIsTranslatedInsteadOfSentAsItCame() {
        upstream.enqueue(Replay.resource("anthropic/answers/text.anthropic.json"));
        ChatRequest redacted = TRANSLATED.withModel(UPSTREAM_MODEL)
                .withMessages(List.of(Message.of("system", "Be terse."), Message.of("user", "[REDACTED]")));

        provider(upstream).chat(redacted, nativeExchange(Map.of("anthropic-beta", "context-1m-2025-08-07")));

        RecordedRequest sent = upstream.lastRequest();
        assertThat(sent.body()).isEqualTo(tree("""
                {"model": "claude-sonnet-4-5-20250929", "max_tokens": 4096, "system": "Be terse.",
                 "messages": [{"role": "user", "content": "[REDACTED]"}]}
                """));
        assertThat(sent.header("anthropic-beta")).isEmpty();
    }

    @Test
    void openAiClientsBetaHeaderIsNotForwarded() {
        upstream.enqueue(Replay.resource("anthropic/answers/text.anthropic.json"));
        ChatRequest request = request("requests/basic.openai.json");

        provider(upstream).chat(request, exchange(InboundApi.OPENAI, request, Map.of("anthropic-beta", "x-1")));

        assertThat(upstream.lastRequest().header("anthropic-beta")).isEmpty();
    }

    @Test
    void requestAnthropicCannotServeFailsWithoutCallingTheUpstream() {
        ChatRequest request = request("requests/basic.openai.json");
        ChatRequest twoChoices = new ChatRequest(request.model(), request.messages(), null, null, null, null, null, null,
                null, null, null, null, null, 3, null, null, null, null, Map.of());

        assertThatThrownBy(() -> provider(upstream).chat(twoChoices, exchange(twoChoices)))
                .hasMessageContaining("n must be 1");
        assertThat(upstream.requestCount()).isZero();
    }

    @Test
    void configuredModelsAreListed() {
        List<ModelInfo> models = provider(upstream, "\"models\": [\"claude-sonnet-4-5\", \"claude-haiku-4-5\"]").models();

        assertThat(models).extracting(ModelInfo::id).containsExactly("claude-sonnet-4-5", "claude-haiku-4-5");
        assertThat(models).allSatisfy(model -> assertThat(model.ownedBy()).isEqualTo("anthropic"));
    }

    @Test
    void unreachableUpstreamIsRetryable() {
        Provider provider = new AnthropicAdapter().create("anthropic",
                Fixtures.settings("{\"base_url\": \"http://127.0.0.1:1\", \"connect_timeout\": \"2s\"}"),
                new dev.sluice.testkit.client.TestGatewayContext(Fixtures.CLOCK, Map.of()));
        ChatRequest request = request("requests/basic.openai.json");

        assertThatThrownBy(() -> provider.chat(request, exchange(request)))
                .isInstanceOfSatisfying(UpstreamException.class, e -> {
                    assertThat(e.upstreamStatus()).isZero();
                    assertThat(e.retryable()).isTrue();
                });
    }
}
