package dev.sluice.plugins.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.spi.ErrorType;
import dev.sluice.spi.GatewayException;
import dev.sluice.spi.Provider;
import dev.sluice.spi.UpstreamException;
import dev.sluice.spi.model.ChatRequest;
import dev.sluice.spi.model.ChatResponse;
import dev.sluice.spi.model.Message;
import dev.sluice.spi.model.ModelInfo;
import dev.sluice.testkit.RecordedRequest;
import dev.sluice.testkit.replay.Replay;
import dev.sluice.testkit.replay.ReplayUpstream;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** Complete answers over real HTTP, through the provider the adapter makes. */
class GeminiProviderTest {
    @AutoClose
    private final ReplayUpstream upstream = ReplayUpstream.start();
    private Provider provider = Upstreams.provider(upstream);

    private ChatResponse chat(ChatRequest request) {
        return provider.chat(request, Upstreams.exchange(request));
    }

    @Test
    void chatPostsToGenerateContentWithTheKeyInAHeaderOnly() {
        upstream.enqueue(Replay.json(200, Fixtures.text("responses/text.gemini.json")));

        chat(Upstreams.hello("gemini-2.5-flash"));

        RecordedRequest sent = upstream.lastRequest();
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.path()).isEqualTo("/v1beta/models/gemini-2.5-flash:generateContent");
        assertThat(sent.query()).isEmpty();
        assertThat(sent.header("x-goog-api-key")).contains(Upstreams.KEY);
        assertThat(sent.header("content-type")).contains("application/json");
        assertThat(sent.header("authorization")).isEmpty();
        assertThat(sent.body()).isEqualTo(Fixtures.tree(
                "{\"contents\": [{\"role\": \"user\", \"parts\": [{\"text\": \"Hello\"}]}]}"));
    }

    @Test
    void chatAnswerIsTheTranslatedCompletion() {
        upstream.enqueue(Replay.json(200, Fixtures.text("responses/signed-function-call.gemini.json")));

        ChatResponse answer = chat(Upstreams.hello("gemini-2.5-flash"));

        assertThat(answer.id()).isEqualTo("iC77aIDWMcDDvr0PoK6JkAY");
        assertThat(answer.created()).isEqualTo(Upstreams.NOW.getEpochSecond());
        assertThat(answer.choices().get(0).finishReason()).isEqualTo("tool_calls");
        assertThat(answer.choices().get(0).message().toolCalls().get(0).id()).matches("call_[A-Za-z0-9]{24}");
        assertThat(answer.usage().totalTokens()).isEqualTo(146);
    }

    @Test
    void modelNamedWithItsCollectionKeepsIt() {
        upstream.enqueue(Replay.json(200, Fixtures.text("responses/text.gemini.json")));

        chat(Upstreams.hello("models/gemini-2.5-flash"));

        assertThat(upstream.lastRequest().path()).isEqualTo("/v1beta/models/gemini-2.5-flash:generateContent");
    }

    @Test
    void modelNameThatWouldChangeTheUrlIsRefusedBeforeAnyCall() {
        assertThatThrownBy(() -> chat(Upstreams.hello("gemini-2.5-flash:generateContent?key=x")))
                .isInstanceOf(GatewayException.class)
                .satisfies(e -> assertThat(((GatewayException) e).type()).isEqualTo(ErrorType.INVALID_REQUEST));
        assertThatThrownBy(() -> chat(Upstreams.hello("../files/x"))).isInstanceOf(GatewayException.class);
        assertThat(upstream.requestCount()).isZero();
    }

    @Test
    void invalidRequestIsRefusedBeforeAnyCall() {
        ChatRequest request = ChatRequest.of("gemini-2.5-flash", List.of(Message.of("critic", "Hi")));

        assertThatThrownBy(() -> chat(request)).isInstanceOf(GatewayException.class)
                .isNotInstanceOf(UpstreamException.class);
        assertThat(upstream.requestCount()).isZero();
    }

    @Test
    void configuredHeadersAreSentAndWinOverTheDefaults() {
        provider = Upstreams.provider(upstream, "\"headers\": {\"x-goog-api-key\": \"other-key-1234\", \"x-team\": \"search\"}");
        upstream.enqueue(Replay.json(200, Fixtures.text("responses/text.gemini.json")));

        chat(Upstreams.hello("gemini-2.5-flash"));

        assertThat(upstream.lastRequest().header("x-goog-api-key")).contains("other-key-1234");
        assertThat(upstream.lastRequest().header("x-team")).contains("search");
    }

    @Test
    void unreachableUpstreamIsRetryable() {
        upstream.close();

        assertThatThrownBy(() -> chat(Upstreams.hello("gemini-2.5-flash"))).isInstanceOf(UpstreamException.class)
                .satisfies(e -> assertThat(((UpstreamException) e).retryable()).isTrue())
                .satisfies(e -> assertThat(((UpstreamException) e).upstreamStatus()).isZero());
    }

    @Test
    void unreadableAnswerIsAnUpstreamFailure() {
        upstream.enqueue(Replay.json(200, "{\"candidates\": ["));

        assertThatThrownBy(() -> chat(Upstreams.hello("gemini-2.5-flash"))).isInstanceOf(UpstreamException.class)
                .hasMessage("provider 'gemini' sent an unreadable answer");
    }

    @Test
    void streamAnsweredWithJsonInsteadOfEventsIsAnError() {
        upstream.enqueue(Replay.json(200, Fixtures.text("errors/503-overloaded.json")));
        ChatRequest request = Upstreams.hello("gemini-2.5-flash").withStream(true);

        assertThatThrownBy(() -> provider.stream(request, Upstreams.exchange(request)))
                .isInstanceOf(UpstreamException.class)
                .hasMessage("provider 'gemini' answered a stream request with an error: "
                        + "The model is overloaded. Please try again later.");
    }

    @Test
    void modelsListsTheConfiguredModelsOwnedByTheProvider() {
        provider = Upstreams.provider(upstream, "\"models\": [\"gemini-2.5-flash\", \"gemini-2.5-pro\"]");

        assertThat(provider.models()).extracting(ModelInfo::id).containsExactly("gemini-2.5-flash", "gemini-2.5-pro");
        assertThat(provider.models()).extracting(ModelInfo::ownedBy).containsOnly("gemini");
    }
}
