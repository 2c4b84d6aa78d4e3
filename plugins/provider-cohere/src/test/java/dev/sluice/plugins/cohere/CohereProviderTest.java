package dev.sluice.plugins.cohere;

import static dev.sluice.plugins.cohere.Fixtures.KEY;
import static dev.sluice.plugins.cohere.Fixtures.json;
import static dev.sluice.plugins.cohere.Fixtures.provider;
import static dev.sluice.plugins.cohere.Fixtures.read;
import static dev.sluice.plugins.cohere.Fixtures.text;
import static dev.sluice.plugins.cohere.Fixtures.wire;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CohereProviderTest {
    private static final ChatRequest HELLO = ChatRequest.of("command-a-03-2025",
            List.of(Message.of("user", "Tell me about LLMs")));

    @AutoClose
    private final ReplayUpstream upstream = ReplayUpstream.start();

    private UpstreamException chatFailure(Replay answer) {
        upstream.enqueue(answer);
        try {
            provider(upstream).chat(HELLO, Fixtures.exchange(HELLO));
        } catch (UpstreamException e) {
            return e;
        }
        throw new AssertionError("the chat call did not fail");
    }

    @Test
    void adapterIsNamedCohere() {
        assertThat(new CohereAdapter().name()).isEqualTo("cohere");
    }

    @Test
    void chatPostsToV2ChatWithTheKeyAndTranslatesTheAnswer() {
        upstream.enqueue(Replay.resource("cohere/responses/text.cohere.json"));

        ChatResponse answer = provider(upstream).chat(HELLO, Fixtures.exchange(HELLO));

        RecordedRequest sent = upstream.lastRequest();
        assertThat(sent.path()).isEqualTo("/v2/chat");
        assertThat(sent.header("authorization")).contains("Bearer " + KEY);
        assertThat(sent.header("content-type")).contains("application/json");
        assertThat(sent.header("accept")).contains("application/json");
        assertThat(sent.body()).isEqualTo(Fixtures.tree("""
                {"model": "command-a-03-2025", "messages": [{"role": "user", "content": "Tell me about LLMs"}],
                 "stream": false}"""));
        assertThat(wire(answer)).isEqualTo(json("responses/text.openai.json"));
    }

    @Test
    void configuredHeadersOverrideTheDefaults() {
        upstream.enqueue(Replay.resource("cohere/responses/text.cohere.json"));

        provider(upstream, "\"headers\": {\"X-Client-Name\": \"sluice\", \"Authorization\": \"Bearer other-key-0000\"}")
                .chat(HELLO, Fixtures.exchange(HELLO));

        assertThat(upstream.lastRequest().header("x-client-name")).contains("sluice");
        assertThat(upstream.lastRequest().header("authorization")).contains("Bearer other-key-0000");
    }

    @Test
    void requestCohereCannotServeIsRefusedWithoutCallingIt() {
        ChatRequest twoChoices = read("""
                {"model": "command-a-03-2025", "n": 2, "messages": [{"role": "user", "content": "Hi"}]}""",
                ChatRequest.class);

        assertThatThrownBy(() -> provider(upstream).chat(twoChoices, Fixtures.exchange(twoChoices)))
                .isInstanceOf(GatewayException.class).isNotInstanceOf(UpstreamException.class);
        assertThat(upstream.requestCount()).isZero();
    }

    @ParameterizedTest
    @CsvSource({"400, false, temperature must be between 0 and 1.0 inclusive",
            "401, false, invalid api token",
            "402, false, Please add or update your payment method",
            "404, false, model 'command-z' not found",
            "429, true, You are past the per minute request limit",
            "499, false, request cancelled",
            "500, true, internal server error"})
    void coheresErrorAnswersKeepTheirStatusRetryabilityAndMessage(int status, boolean retryable, String quote) {
        UpstreamException e = chatFailure(Replay.json(status, text("errors/" + status + ".json")));

        assertThat(e.upstreamStatus()).isEqualTo(status);
        assertThat(e.retryable()).isEqualTo(retryable);
        assertThat(e.getMessage()).contains("provider 'cohere' answered HTTP " + status).contains(quote);
    }

    @Test
    void rateLimitKeepsRetryAfter() {
        UpstreamException e = chatFailure(Replay.json(429, text("errors/429.json")).withHeader("Retry-After", "7"));

        assertThat(e.upstreamRetryAfter()).contains(Duration.ofSeconds(7));
    }

    @Test
    void theKeyNeverAppearsInAnErrorMessage() {
        UpstreamException e = chatFailure(Replay.json(401, "{\"message\": \"invalid api token " + KEY + "\"}"));

        assertThat(e.getMessage()).doesNotContain(KEY).contains("[REDACTED]");
    }

    @Test
    void failedGenerationIsARetryableUpstreamFailure() {
        UpstreamException e = chatFailure(Replay.json(200, """
                {"id": "c14c80c3", "finish_reason": "ERROR", "message": {"role": "assistant", "content": []}}"""));

        assertThat(e.retryable()).isTrue();
        assertThat(e.upstreamStatus()).isEqualTo(200);
        assertThat(e.getMessage()).contains("finish_reason ERROR");
    }

    @Test
    void answerThatIsNotAChatAnswerIsUnreadable() {
        UpstreamException e = chatFailure(Replay.json(200, "{\"id\": \"x\"}"));

        assertThat(e.getMessage()).contains("unreadable");
    }

    @Test
    void unreachableUpstreamIsRetryable() {
        Provider provider = provider(upstream);
        upstream.close();

        assertThatThrownBy(() -> provider.chat(HELLO, Fixtures.exchange(HELLO)))
                .isInstanceOfSatisfying(UpstreamException.class, e -> {
                    assertThat(e.upstreamStatus()).isZero();
                    assertThat(e.retryable()).isTrue();
                });
    }

    @Test
    void configuredModelsAreListedUnderTheProviderName() {
        Provider provider = provider(upstream, "\"models\": [\"command-a-03-2025\", \"embed-v4.0\"]");

        assertThat(provider.models()).extracting(ModelInfo::id).containsExactly("command-a-03-2025", "embed-v4.0");
        assertThat(provider.models()).allSatisfy(model -> assertThat(model.ownedBy()).isEqualTo("cohere"));
    }
}
