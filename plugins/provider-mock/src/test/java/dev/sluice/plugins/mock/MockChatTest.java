package dev.sluice.plugins.mock;

import static dev.sluice.plugins.mock.MockRequests.chat;
import static dev.sluice.plugins.mock.MockRequests.exchange;
import static dev.sluice.plugins.mock.MockRequests.mock;
import static dev.sluice.plugins.mock.MockRequests.user;
import static dev.sluice.plugins.mock.MockRequests.withTool;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.spi.Provider;
import dev.sluice.spi.UpstreamException;
import dev.sluice.spi.model.ChatRequest;
import dev.sluice.spi.model.ChatResponse;
import dev.sluice.spi.model.Message;
import dev.sluice.spi.model.ToolCall;
import org.junit.jupiter.api.Test;

class MockChatTest {

    private static ChatResponse ask(Provider provider, ChatRequest request) {
        return provider.chat(request, exchange(request));
    }

    @Test
    void answerEchoesTheLastUserMessage() {
        ChatRequest request = chat(Message.of("system", "Be brief."), Message.of("user", "first"),
                Message.of("assistant", "ok"), Message.of("user", "second question"), Message.of("assistant", "hm"));

        ChatResponse answer = ask(mock(), request);

        assertThat(answer.choices().get(0).message().text()).isEqualTo("second question");
        assertThat(answer.choices().get(0).message().role()).isEqualTo("assistant");
        assertThat(answer.choices().get(0).finishReason()).isEqualTo("stop");
    }

    @Test
    void answerWithoutAUserMessageSaysSo() {
        ChatResponse answer = ask(mock(), chat(Message.of("system", "You are a mock.")));

        assertThat(answer.choices().get(0).message().text()).isEqualTo("(no user message)");
    }

    @Test
    void answerNamesTheRequestedModelAndTheClockTime() {
        ChatResponse answer = ask(mock(), user("hi").withModel("mock-other"));

        assertThat(answer.model()).isEqualTo("mock-other");
        assertThat(answer.created()).isEqualTo(FixedContext.NOW.getEpochSecond());
        assertThat(answer.object()).isEqualTo("chat.completion");
    }

    @Test
    void answerIdsCountUpPerProvider() {
        Provider provider = mock();

        assertThat(ask(provider, user("a")).id()).isEqualTo("chatcmpl-mock-1");
        assertThat(ask(provider, user("b")).id()).isEqualTo("chatcmpl-mock-2");
    }

    @Test
    void usageEstimatesThePromptAndCountsTheAnswerWords() {
        // system: 2 words + 4, user: 3 words + 4 -> 13 prompt tokens; the echo has 3 words.
        ChatResponse answer = ask(mock(), chat(Message.of("system", "Be brief."), Message.of("user", "one two three")));

        assertThat(answer.usage().promptTokens()).isEqualTo(13);
        assertThat(answer.usage().completionTokens()).isEqualTo(3);
        assertThat(answer.usage().totalTokens()).isEqualTo(16);
    }

    @Test
    void toolTriggerWithToolsAnswersWithAToolCall() {
        ChatResponse answer = ask(mock(), withTool(user("/tool get_weather {\"city\": \"Paris\"}"), "get_weather"));

        ToolCall call = answer.choices().get(0).message().toolCalls().get(0);
        assertThat(call.id()).isEqualTo("call_mock_1");
        assertThat(call.type()).isEqualTo("function");
        assertThat(call.function().name()).isEqualTo("get_weather");
        assertThat(call.function().arguments()).isEqualTo("{\"city\": \"Paris\"}");
        assertThat(answer.choices().get(0).message().content()).isNull();
        assertThat(answer.choices().get(0).finishReason()).isEqualTo("tool_calls");
    }

    @Test
    void toolTriggerWithoutArgumentsCallsWithAnEmptyObject() {
        ChatResponse answer = ask(mock(), withTool(user("/tool now"), "now"));

        assertThat(answer.choices().get(0).message().toolCalls().get(0).function().arguments()).isEqualTo("{}");
    }

    @Test
    void toolTriggerWithoutToolsIsEchoed() {
        ChatResponse answer = ask(mock(), user("/tool get_weather {}"));

        assertThat(answer.choices().get(0).message().text()).isEqualTo("/tool get_weather {}");
        assertThat(answer.choices().get(0).message().toolCalls()).isNull();
    }

    @Test
    void errorTriggerFailsWithThatStatusAsRetryable() {
        assertThatThrownBy(() -> ask(mock(), user("/error 503"))).isInstanceOf(UpstreamException.class)
                .hasMessage("provider 'mock' answered HTTP 503: failure requested with /error 503")
                .satisfies(e -> assertThat(((UpstreamException) e).upstreamStatus()).isEqualTo(503))
                .satisfies(e -> assertThat(((UpstreamException) e).retryable()).isTrue());
    }

    @Test
    void errorTriggerWithAClientErrorIsNotRetryable() {
        assertThatThrownBy(() -> ask(mock(), user("/error 400"))).isInstanceOf(UpstreamException.class)
                .satisfies(e -> assertThat(((UpstreamException) e).retryable()).isFalse());
    }

    @Test
    void errorTriggerMustBeTheWholeMessage() {
        ChatResponse answer = ask(mock(), user("please /error 503"));

        assertThat(answer.choices().get(0).message().text()).isEqualTo("please /error 503");
    }

    @Test
    void latencyDelaysTheAnswer() {
        Provider provider = mock("{\"latency\": \"120ms\"}");
        long start = System.nanoTime();

        ask(provider, user("hi"));

        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(120);
    }
}
