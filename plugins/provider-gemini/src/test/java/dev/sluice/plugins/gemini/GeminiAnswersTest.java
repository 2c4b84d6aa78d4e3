package dev.sluice.plugins.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.spi.model.ChatResponse;
import dev.sluice.spi.model.Choice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Gemini {@code GenerateContentResponse}s → OpenAI chat completions. */
class GeminiAnswersTest {
    private static final long CREATED = Upstreams.NOW.getEpochSecond();

    private static ChatResponse translate(JsonNode answer) {
        return GeminiAnswers.chatResponse(answer, "gemini-2.5-flash", CREATED, new CountingIds());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"text", "function-call", "signed-function-call", "thought-only", "cached-and-tool-use-usage",
            "prompt-blocked"})
    void answerTranslatesToTheExpectedChatCompletion(String name) {
        ChatResponse answer = translate(Fixtures.json("responses/" + name + ".gemini.json"));

        assertThat(Fixtures.written(answer)).isEqualTo(Fixtures.json("responses/" + name + ".openai.json"));
    }

    @Test
    void usageCountsCachedPromptAndToolUseTokensAsInputAndThinkingAsOutput() {
        ChatResponse answer = translate(Fixtures.json("responses/cached-and-tool-use-usage.gemini.json"));

        assertThat(answer.usage().promptTokens()).isEqualTo(1844 + 1934);
        assertThat(answer.usage().completionTokens()).isEqualTo(432 + 91);
        assertThat(answer.usage().totalTokens()).isEqualTo(4301);
        assertThat(answer.usage().promptTokensDetails().get("cached_tokens").asInt()).isEqualTo(901);
    }

    @Test
    void thoughtSummariesAreLeftOutOfTheContent() {
        JsonNode answer = Fixtures.tree("{\"candidates\": [{\"content\": {\"role\": \"model\", \"parts\": ["
                + "{\"text\": \"Let me think.\", \"thought\": true}, {\"text\": \"Paris.\"}]}, \"finishReason\": \"STOP\"}]}");

        assertThat(translate(answer).choices().get(0).message().text()).isEqualTo("Paris.");
    }

    @Test
    void textAndFunctionCallsTogetherKeepBoth() {
        JsonNode answer = Fixtures.tree("{\"candidates\": [{\"content\": {\"role\": \"model\", \"parts\": ["
                + "{\"text\": \"Checking both.\"},"
                + "{\"functionCall\": {\"id\": \"fc-1\", \"name\": \"get_weather\", \"args\": {\"city\": \"Paris\"}}},"
                + "{\"functionCall\": {\"name\": \"get_weather\", \"args\": {\"city\": \"London\"}}}]},"
                + " \"finishReason\": \"STOP\"}]}");

        Choice choice = translate(answer).choices().get(0);

        assertThat(choice.message().text()).isEqualTo("Checking both.");
        assertThat(choice.message().toolCalls()).extracting(call -> call.id()).containsExactly("fc-1", "call_1");
        assertThat(choice.message().toolCalls()).extracting(call -> call.function().arguments())
                .containsExactly("{\"city\":\"Paris\"}", "{\"city\":\"London\"}");
        assertThat(choice.finishReason()).isEqualTo("tool_calls");
    }

    @Test
    void everyCandidateBecomesAChoiceInIndexOrder() {
        JsonNode answer = Fixtures.tree("{\"candidates\": ["
                + "{\"index\": 1, \"content\": {\"parts\": [{\"text\": \"B\"}]}, \"finishReason\": \"MAX_TOKENS\"},"
                + "{\"index\": 0, \"content\": {\"parts\": [{\"text\": \"A\"}]}, \"finishReason\": \"STOP\"}]}");

        ChatResponse response = translate(answer);

        assertThat(response.choices()).extracting(Choice::index).containsExactly(0, 1);
        assertThat(response.choices()).extracting(choice -> choice.message().text()).containsExactly("A", "B");
        assertThat(response.choices()).extracting(Choice::finishReason).containsExactly("stop", "length");
    }

    @Test
    void answerWithoutIdOrModelVersionGetsAGeneratedIdAndTheRequestedModel() {
        ChatResponse response = translate(Fixtures.tree("{\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"Hi\"}]},"
                + " \"finishReason\": \"STOP\"}]}"));

        assertThat(response.id()).isEqualTo("chatcmpl-1");
        assertThat(response.model()).isEqualTo("gemini-2.5-flash");
        assertThat(response.usage()).isNull();
    }

    @Test
    void filteredCandidateFinishesAsContentFilter() {
        ChatResponse response = translate(Fixtures.tree("{\"candidates\": [{\"finishReason\": \"SAFETY\", \"index\": 0}]}"));

        assertThat(response.choices().get(0).finishReason()).isEqualTo("content_filter");
        assertThat(response.choices().get(0).message().text()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"STOP", "MAX_TOKENS", "SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII",
            "IMAGE_SAFETY", "MALFORMED_FUNCTION_CALL", "OTHER", "LANGUAGE", "FINISH_REASON_UNSPECIFIED", "SOMETHING_NEW"})
    void everyFinishReasonIsOneOfOpenAisFour(String reason) {
        assertThat(GeminiFinishReasons.of(reason, false)).isIn("stop", "length", "content_filter");
    }

    @Test
    void finishReasonsMapAsDocumented() {
        assertThat(GeminiFinishReasons.of("STOP", false)).isEqualTo("stop");
        assertThat(GeminiFinishReasons.of("STOP", true)).isEqualTo("tool_calls");
        assertThat(GeminiFinishReasons.of("MAX_TOKENS", true)).isEqualTo("length");
        assertThat(GeminiFinishReasons.of("RECITATION", false)).isEqualTo("content_filter");
        assertThat(GeminiFinishReasons.of("MALFORMED_FUNCTION_CALL", false)).isEqualTo("stop");
        assertThat(GeminiFinishReasons.of("OTHER", false)).isEqualTo("stop");
    }
}
