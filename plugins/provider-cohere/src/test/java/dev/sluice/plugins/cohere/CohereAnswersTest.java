package dev.sluice.plugins.cohere;

import static dev.sluice.plugins.cohere.Fixtures.json;
import static dev.sluice.plugins.cohere.Fixtures.tree;
import static dev.sluice.plugins.cohere.Fixtures.wire;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.spi.model.ChatResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CohereAnswersTest {
    private static final String MODEL = "command-a-03-2025";
    private static final long CREATED = Fixtures.NOW.getEpochSecond();

    private static ChatResponse translate(String cohere) {
        return CohereAnswers.chat(tree(cohere), MODEL, CREATED);
    }

    @Test
    void translatesATextAnswerToAnOpenAiCompletion() {
        ChatResponse answer = CohereAnswers.chat(json("responses/text.cohere.json"), MODEL, CREATED);

        assertThat(wire(answer)).isEqualTo(json("responses/text.openai.json"));
    }

    @Test
    void translatesToolCallsWithThinkingToToolCallsAndReasoningContent() {
        ChatResponse answer = CohereAnswers.chat(json("responses/tool-calls.cohere.json"), MODEL, CREATED);

        assertThat(wire(answer)).isEqualTo(json("responses/tool-calls.openai.json"));
    }

    @Test
    void keepsCitationsAsAMessageField() {
        ChatResponse answer = CohereAnswers.chat(json("responses/citations.cohere.json"), MODEL, CREATED);

        assertThat(wire(answer)).isEqualTo(json("responses/citations.openai.json"));
    }

    @Test
    void answerAboutAnImageIsPlainText() {
        ChatResponse answer = CohereAnswers.chat(json("responses/image.cohere.json"), MODEL, CREATED);

        assertThat(answer.choices().get(0).message().text()).startsWith("The image you've provided is quite abstract");
        assertThat(answer.choices().get(0).finishReason()).isEqualTo("stop");
    }

    @ParameterizedTest
    @CsvSource({"COMPLETE, stop", "STOP_SEQUENCE, stop", "MAX_TOKENS, length", "TIMEOUT, length",
            "TOOL_CALL, tool_calls", "SOMETHING_NEW, stop"})
    void mapsCohereFinishReasonsToOpenAiOnes(String cohere, String openAi) {
        ChatResponse answer = translate("""
                {"id": "a", "finish_reason": "%s", "message": {"role": "assistant",
                 "content": [{"type": "text", "text": "Hi"}]}}""".formatted(cohere));

        assertThat(answer.choices().get(0).finishReason()).isEqualTo(openAi);
    }

    @Test
    void usageFallsBackToBilledUnitsWhenTokensAreMissing() {
        ChatResponse answer = translate("""
                {"id": "a", "finish_reason": "COMPLETE", "message": {"role": "assistant", "content": []},
                 "usage": {"billed_units": {"input_tokens": 5.0, "output_tokens": 26.0}}}""");

        assertThat(wire(answer.usage())).isEqualTo(tree("""
                {"prompt_tokens": 5, "completion_tokens": 26, "total_tokens": 31,
                 "prompt_tokens_details": {"cached_tokens": 0}}"""));
    }

    @Test
    void cachedTokensAreReportedAsCacheReads() {
        ChatResponse answer = translate("""
                {"id": "a", "finish_reason": "COMPLETE", "message": {"role": "assistant", "content": []},
                 "usage": {"billed_units": {"input_tokens": 5, "output_tokens": 2},
                           "tokens": {"input_tokens": 2048, "output_tokens": 2}, "cached_tokens": 1024}}""");

        assertThat(answer.usage().promptTokens()).isEqualTo(2048);
        assertThat(answer.usage().promptTokensDetails().path("cached_tokens").asInt()).isEqualTo(1024);
    }

    @Test
    void answerWithoutUsageHasNone() {
        assertThat(translate("{\"id\": \"a\", \"finish_reason\": \"COMPLETE\", \"message\": {\"content\": []}}").usage())
                .isNull();
    }

    @Test
    void toolPlanIsKeptAsAMessageFieldAndContentStaysNull() {
        ChatResponse answer = translate("""
                {"id": "a", "finish_reason": "TOOL_CALL", "message": {"role": "assistant",
                 "tool_plan": "I will look up the weather.",
                 "tool_calls": [{"id": "get_weather_1", "type": "function",
                   "function": {"name": "get_weather", "arguments": "{\\"city\\":\\"Madrid\\"}"}}]}}""");

        assertThat(wire(answer.choices().get(0).message())).isEqualTo(tree("""
                {"role": "assistant", "tool_plan": "I will look up the weather.",
                 "tool_calls": [{"id": "get_weather_1", "type": "function",
                   "function": {"name": "get_weather", "arguments": "{\\"city\\":\\"Madrid\\"}"}}]}"""));
    }

    @Test
    void answerWithoutMessageIsRefused() {
        assertThatThrownBy(() -> translate("{\"id\": \"a\", \"finish_reason\": \"COMPLETE\"}"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void errorFinishReasonIsAFailedGeneration() {
        assertThat(CohereAnswers.failed(tree("{\"finish_reason\": \"ERROR\"}"))).isTrue();
        assertThat(CohereAnswers.failed(tree("{\"finish_reason\": \"COMPLETE\"}"))).isFalse();
    }
}
