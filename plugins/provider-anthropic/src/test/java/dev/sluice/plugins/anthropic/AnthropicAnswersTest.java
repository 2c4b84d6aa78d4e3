package dev.sluice.plugins.anthropic;

import static dev.sluice.plugins.anthropic.Fixtures.CREATED;
import static dev.sluice.plugins.anthropic.Fixtures.json;
import static dev.sluice.plugins.anthropic.Fixtures.tree;
import static dev.sluice.plugins.anthropic.Fixtures.written;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.spi.model.ChatResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AnthropicAnswersTest {

    @ParameterizedTest
    @ValueSource(strings = {"text", "tool-use", "tool-only", "thinking"})
    void translatesAnthropicMessageIntoOpenAiCompletion(String name) {
        ChatResponse answer = AnthropicAnswers.translate(json("answers/" + name + ".anthropic.json"), "claude-sonnet-4-5",
                CREATED);

        assertThat(written(answer)).isEqualTo(json("answers/" + name + ".openai.json"));
    }

    @Test
    void answerWithoutModelNamesTheModelAskedFor() {
        ChatResponse answer = AnthropicAnswers.translate(tree("""
                {"id": "msg_1", "type": "message", "role": "assistant", "content": [{"type": "text", "text": "Hi"}],
                 "stop_reason": "end_turn", "usage": {"input_tokens": 1, "output_tokens": 1}}
                """), "claude-sonnet-4-5", CREATED);

        assertThat(answer.model()).isEqualTo("claude-sonnet-4-5");
    }

    @Test
    void textSplitIntoSeveralBlocksIsJoinedWithoutSeparator() {
        ChatResponse answer = AnthropicAnswers.translate(tree("""
                {"id": "msg_1", "model": "m", "content": [{"type": "text", "text": "The grass is "},
                 {"type": "text", "text": "green", "citations": []}, {"type": "text", "text": "."}],
                 "stop_reason": "end_turn", "usage": {"input_tokens": 1, "output_tokens": 1}}
                """), "m", CREATED);

        assertThat(answer.choices().get(0).message().text()).isEqualTo("The grass is green.");
    }

    @Test
    void emptyAnswerHasEmptyContent() {
        ChatResponse answer = AnthropicAnswers.translate(tree("""
                {"id": "msg_1", "model": "m", "content": [], "stop_reason": "refusal",
                 "usage": {"input_tokens": 20, "output_tokens": 0}}
                """), "m", CREATED);

        assertThat(written(answer.choices().get(0))).isEqualTo(tree("""
                {"index": 0, "message": {"role": "assistant", "content": ""}, "finish_reason": "content_filter"}
                """));
    }

    @ParameterizedTest
    @CsvSource({
        "end_turn, stop",
        "stop_sequence, stop",
        "pause_turn, stop",
        "max_tokens, length",
        "model_context_window_exceeded, length",
        "tool_use, tool_calls",
        "refusal, content_filter",
        "something_new, stop",
    })
    void stopReasonBecomesFinishReason(String stopReason, String finishReason) {
        assertThat(AnthropicStopReasons.finishReason(stopReason)).isEqualTo(finishReason);
    }

    @Test
    void missingStopReasonIsStop() {
        assertThat(AnthropicStopReasons.finishReason(null)).isEqualTo("stop");
    }
}
