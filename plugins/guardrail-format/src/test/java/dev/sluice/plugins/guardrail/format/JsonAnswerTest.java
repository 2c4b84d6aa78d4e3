package dev.sluice.plugins.guardrail.format;

import static dev.sluice.plugins.guardrail.format.Checks.check;
import static dev.sluice.plugins.guardrail.format.Checks.inspect;
import static dev.sluice.plugins.guardrail.format.Checks.jsonObjectRequest;
import static dev.sluice.plugins.guardrail.format.Checks.plainRequest;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.spi.guardrail.Finding;
import dev.sluice.spi.guardrail.GuardrailCheck;
import dev.sluice.spi.guardrail.Inspection;
import dev.sluice.spi.json.Json;
import dev.sluice.spi.model.ChatRequest;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Whether an answer is JSON, when the request asks for JSON and no schema applies. */
class JsonAnswerTest {
    private final GuardrailCheck check = check("{}");

    @Test
    void validJsonAnswerPasses() {
        assertThat(inspect(check, "{\"name\": \"Ada\", \"tags\": [1, 2.5, true, null]}", jsonObjectRequest())).isEmpty();
    }

    @Test
    void answerThatIsNotJsonIsAWholeTextJsonParseFinding() {
        List<Finding> findings = inspect(check, "Sure! Here is the user: {\"name\": \"Ada\"}", jsonObjectRequest());

        assertThat(findings).singleElement().satisfies(finding -> {
            assertThat(finding.rule()).isEqualTo("json_parse");
            assertThat(finding.type()).isEqualTo("FORMAT");
            assertThat(finding.hasSpan()).isFalse();
            assertThat(finding.pii()).isFalse();
            assertThat(finding.action()).isEqualTo(Finding.Action.BLOCK);
        });
    }

    @Test
    void parseDetailSaysWhatAndWhereAndHowToAnswerAgain() {
        Finding finding = inspect(check, "{\n  \"name\": \"Ada\",\n  \"age\": 36,\n}", jsonObjectRequest()).get(0);

        assertThat(finding.detail())
                .startsWith("The previous answer was not valid JSON: ")
                .contains("was expecting double-quote to start property name")
                .contains("at line 4, column 1")
                .endsWith("Answer again with only valid JSON and no other text.");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Certainly-zebra {\"a\": 1}",
        "{\"a\": 1} zebra-trailing",
        "{\"a\": zebra}",
        "{\"zebra\" 1}",
        "{\"a\": \"zebra",
        "[\"zebra\", ",
        "{'zebra': 1}",
        "{\"a\": \"zebra\nzebra\"}",
        "```python\n{\"a\": \"zebra\"}\n```",
        "{\"a\": \"\\zebra\"}",
        "zebra",
    })
    void parseDetailNeverQuotesTheAnswer(String answer) {
        List<Finding> findings = inspect(check, answer, jsonObjectRequest());

        assertThat(findings).singleElement().satisfies(finding ->
                assertThat(finding.detail()).doesNotContainIgnoringCase("zebra").contains(" at line "));
    }

    @Test
    void textAfterTheJsonValueIsAFinding() {
        Finding finding = inspect(check, "{\"a\": 1}\n{\"b\": 2}", jsonObjectRequest()).get(0);

        assertThat(finding.detail()).contains("unexpected text after the end of the JSON value at line 2");
    }

    @Test
    void emptyAnswerIsNotJson() {
        assertThat(inspect(check, "  \n", jsonObjectRequest())).singleElement()
                .satisfies(finding -> assertThat(finding.detail()).contains("the answer is empty"));
    }

    @Test
    void emptyAnswerToARequestWithToolsIsAToolCallAndPasses() throws IOException {
        ChatRequest withTools = Json.read("""
                {"model": "chat", "messages": [{"role": "user", "content": "Weather in Paris?"}],
                 "response_format": {"type": "json_object"},
                 "tools": [{"type": "function", "function": {"name": "weather", "parameters": {"type": "object"}}}]}
                """, ChatRequest.class);

        assertThat(inspect(check, "", withTools)).isEmpty();
    }

    @Test
    void windowOfAStreamStillArrivingIsNotJudged() {
        Inspection window = new Inspection(Inspection.Stage.OUTPUT, "{\"name\": \"Ad", "assistant", false,
                jsonObjectRequest());

        assertThat(check.inspect(window)).isEmpty();
    }

    @Test
    void promptsAreNotJudged() {
        Inspection prompt = new Inspection(Inspection.Stage.INPUT, "not json at all", "user", true, jsonObjectRequest());

        assertThat(check(("{\"require_json\": \"always\"}")).inspect(prompt)).isEmpty();
    }

    @Test
    void answerToARequestThatDidNotAskForJsonIsNotJudged() {
        assertThat(inspect(check, "Ada is 36.", plainRequest())).isEmpty();
        assertThat(inspect(check, "Ada is 36.", Checks.request("{\"type\": \"text\"}"))).isEmpty();
    }

    @Test
    void jsonSchemaRequestWithoutASchemaStillRequiresJson() {
        ChatRequest request = Checks.request("{\"type\": \"json_schema\", \"json_schema\": {\"name\": \"empty\"}}");

        assertThat(inspect(check, "Ada is 36.", request)).extracting(Finding::rule).containsExactly("json_parse");
        assertThat(inspect(check, "{\"age\": 36}", request)).isEmpty();
    }

    @Test
    void requireJsonAlwaysJudgesEveryAnswer() {
        GuardrailCheck always = check("{\"require_json\": \"always\"}");

        assertThat(inspect(always, "Ada is 36.", plainRequest())).extracting(Finding::rule).containsExactly("json_parse");
        assertThat(inspect(always, "{\"age\": 36}", plainRequest())).isEmpty();
    }

    @Test
    void requireJsonFalseLetsAnAnswerThatIsNotJsonPass() {
        assertThat(inspect(check("{\"require_json\": false}"), "Ada is 36.", jsonObjectRequest())).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "```json\n{\"name\": \"Ada\"}\n```",
        "```JSON\n{\"name\": \"Ada\"}\n```\n",
        "\n```\n{\"name\": \"Ada\"}\n```",
        "```json\r\n{\"name\": \"Ada\"}\r\n```",
        "```json\n{\"name\": \"Ada\"}```",
    })
    void answerInACodeFenceIsUnwrappedFirst(String answer) {
        assertThat(inspect(check, answer, jsonObjectRequest())).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "```python\n{\"name\": \"Ada\"}\n```",
        "Here it is:\n```json\n{\"name\": \"Ada\"}\n```",
        "```json\n{\"name\": \"Ada\"}\n```\nAnything else?",
        "```json\n{\"name\": \"Ada\"}\n```\n```json\n{\"name\": \"Bob\"}\n```",
        "```json\n{\"name\": \"Ada\"}",
    })
    void onlyAWholeJsonCodeBlockIsUnwrapped(String answer) {
        assertThat(inspect(check, answer, jsonObjectRequest())).extracting(Finding::rule).containsExactly("json_parse");
    }

    @Test
    void codeFencesAreFindingsWhenStrippingIsOff() {
        GuardrailCheck strict = check("{\"strip_code_fences\": false}");

        assertThat(inspect(strict, "```json\n{\"name\": \"Ada\"}\n```", jsonObjectRequest()))
                .extracting(Finding::rule).containsExactly("json_parse");
    }
}
