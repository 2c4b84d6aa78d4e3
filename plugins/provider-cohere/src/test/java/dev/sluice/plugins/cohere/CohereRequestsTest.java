package dev.sluice.plugins.cohere;

import static dev.sluice.plugins.cohere.Fixtures.chatRequest;
import static dev.sluice.plugins.cohere.Fixtures.json;
import static dev.sluice.plugins.cohere.Fixtures.read;
import static dev.sluice.plugins.cohere.Fixtures.tree;
import static dev.sluice.plugins.cohere.Fixtures.wire;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.spi.ErrorType;
import dev.sluice.spi.GatewayException;
import dev.sluice.spi.model.ChatRequest;
import org.junit.jupiter.api.Test;

class CohereRequestsTest {
    private static final String TOOLS = """
            "tools": [
              {"type": "function", "function": {"name": "get_weather", "description": "Weather in a city",
                "parameters": {"type": "object", "properties": {"city": {"type": "string"}}}}},
              {"type": "function", "function": {"name": "get_time", "parameters": {"type": "object", "properties": {}}}}
            ]""";

    private static ChatRequest request(String fields) {
        return read("{\"model\": \"command-a-03-2025\", \"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}]"
                + (fields.isEmpty() ? "" : ", " + fields) + "}", ChatRequest.class);
    }

    private static ChatRequest conversation(String messages) {
        return read("{\"model\": \"command-a-03-2025\", \"messages\": " + messages + "}", ChatRequest.class);
    }

    private static JsonNode cohere(ChatRequest request) {
        return wire(CohereRequests.chat(request, false));
    }

    @Test
    void translatesSamplingStopSequencesDocumentsAndSystemTurnsToCohereFields() {
        JsonNode body = wire(CohereRequests.chat(chatRequest("requests/chat-params.openai.json"), false));

        assertThat(body).isEqualTo(json("requests/chat-params.cohere.json"));
    }

    @Test
    void translatesToolHistoryToolResultsAndImagesToCohereMessages() {
        JsonNode body = wire(CohereRequests.chat(chatRequest("requests/chat-tools.openai.json"), false));

        assertThat(body).isEqualTo(json("requests/chat-tools.cohere.json"));
    }

    @Test
    void streamedRequestsAskForStreamTrue() {
        assertThat(CohereRequests.chat(request(""), true).path("stream").asBoolean()).isTrue();
        assertThat(CohereRequests.chat(request("\"stream\": true"), false).path("stream").asBoolean()).isFalse();
    }

    @Test
    void systemAndDeveloperMessagesAnywhereBecomeOneLeadingSystemTurn() {
        JsonNode body = cohere(conversation("""
                [{"role": "user", "content": "Hi"}, {"role": "system", "content": "Be brief."},
                 {"role": "assistant", "content": "Hello"}, {"role": "developer", "content": "No emoji."},
                 {"role": "user", "content": "Weather?"}]"""));

        assertThat(body.path("messages")).isEqualTo(tree("""
                [{"role": "system", "content": "Be brief.\\n\\nNo emoji."}, {"role": "user", "content": "Hi"},
                 {"role": "assistant", "content": "Hello"}, {"role": "user", "content": "Weather?"}]"""));
    }

    @Test
    void requiredToolChoiceBecomesRequired() {
        assertThat(cohere(request(TOOLS + ", \"tool_choice\": \"required\"")).path("tool_choice").asText())
                .isEqualTo("REQUIRED");
    }

    @Test
    void autoToolChoiceIsLeftOut() {
        assertThat(cohere(request(TOOLS + ", \"tool_choice\": \"auto\"")).has("tool_choice")).isFalse();
    }

    @Test
    void namedToolChoiceOffersOnlyThatToolAndRequiresACall() {
        JsonNode body = cohere(request(TOOLS + ", \"tool_choice\": {\"type\": \"function\", \"function\": {\"name\": \"get_time\"}}"));

        assertThat(body.path("tool_choice").asText()).isEqualTo("REQUIRED");
        assertThat(body.path("tools")).hasSize(1);
        assertThat(body.path("tools").get(0).path("function").path("name").asText()).isEqualTo("get_time");
    }

    @Test
    void namedToolChoiceOfAnUnknownFunctionIsRefused() {
        assertThatThrownBy(() -> cohere(request(TOOLS
                + ", \"tool_choice\": {\"type\": \"function\", \"function\": {\"name\": \"get_stock\"}}")))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.type()).isEqualTo(ErrorType.INVALID_REQUEST);
                    assertThat(e.param()).contains("tool_choice");
                });
    }

    @Test
    void strictFunctionAsksForStrictTools() {
        JsonNode body = cohere(request("""
                "tools": [{"type": "function", "function": {"name": "f", "strict": true,
                  "parameters": {"type": "object", "properties": {}}}}]"""));

        assertThat(body.path("strict_tools").asBoolean()).isTrue();
        assertThat(body.path("tools").get(0).path("function").has("strict")).isFalse();
    }

    @Test
    void functionWithoutParametersGetsAnEmptyObjectSchema() {
        JsonNode body = cohere(request("\"tools\": [{\"type\": \"function\", \"function\": {\"name\": \"now\"}}]"));

        assertThat(body.path("tools").get(0).path("function").path("parameters"))
                .isEqualTo(tree("{\"type\": \"object\", \"properties\": {}}"));
    }

    @Test
    void nonFunctionToolIsRefused() {
        assertThatThrownBy(() -> cohere(request("\"tools\": [{\"type\": \"web_search\"}]")))
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.param()).contains("tools[0]"));
    }

    @Test
    void jsonSchemaResponseFormatBecomesJsonObjectWithTheSchema() {
        JsonNode body = cohere(request("""
                "response_format": {"type": "json_schema", "json_schema": {"name": "person", "strict": true,
                  "schema": {"type": "object", "properties": {"name": {"type": "string"}}, "required": ["name"]}}}"""));

        assertThat(body.path("response_format")).isEqualTo(tree("""
                {"type": "json_object", "json_schema": {"type": "object", "properties": {"name": {"type": "string"}},
                 "required": ["name"]}}"""));
    }

    @Test
    void jsonObjectResponseFormatStaysJsonObject() {
        assertThat(cohere(request("\"response_format\": {\"type\": \"json_object\"}")).path("response_format"))
                .isEqualTo(tree("{\"type\": \"json_object\"}"));
    }

    @Test
    void textResponseFormatIsLeftOut() {
        assertThat(cohere(request("\"response_format\": {\"type\": \"text\"}")).has("response_format")).isFalse();
    }

    @Test
    void stopStringBecomesOneStopSequence() {
        assertThat(cohere(request("\"stop\": \"END\"")).path("stop_sequences")).isEqualTo(tree("[\"END\"]"));
    }

    @Test
    void legacyMaxTokensIsMaxTokens() {
        assertThat(cohere(request("\"max_tokens\": 64")).path("max_tokens").asInt()).isEqualTo(64);
    }

    @Test
    void moreThanOneChoiceIsRefusedBeforeAnythingIsSent() {
        assertThatThrownBy(() -> cohere(request("\"n\": 2")))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.param()).contains("n");
                    assertThat(e.getMessage()).contains("n must be 1");
                });
    }

    @Test
    void audioContentIsRefused() {
        assertThatThrownBy(() -> cohere(conversation("""
                [{"role": "user", "content": [{"type": "input_audio", "input_audio": {"data": "AAAA", "format": "wav"}}]}]""")))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.type()).isEqualTo(ErrorType.INVALID_REQUEST);
                    assertThat(e.param()).contains("messages[0].content[0].type");
                    assertThat(e.getMessage()).contains("input_audio");
                });
    }

    @Test
    void imageInASystemMessageIsRefused() {
        assertThatThrownBy(() -> cohere(conversation("""
                [{"role": "system", "content": [{"type": "image_url", "image_url": {"url": "https://x.test/a.png"}}]},
                 {"role": "user", "content": "Hi"}]""")))
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.param()).contains("messages[0].content[0].type"));
    }

    @Test
    void toolMessageWithoutToolCallIdIsRefused() {
        assertThatThrownBy(() -> cohere(conversation("[{\"role\": \"tool\", \"content\": \"42\"}]")))
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.param()).contains("messages[0].tool_call_id"));
    }

    @Test
    void assistantToolCallWithoutArgumentsSendsAnEmptyObject() {
        JsonNode body = cohere(conversation("""
                [{"role": "user", "content": "Time?"},
                 {"role": "assistant", "content": null, "tool_calls": [{"id": "call_1", "type": "function",
                   "function": {"name": "get_time", "arguments": ""}}]},
                 {"role": "tool", "tool_call_id": "call_1", "content": "12:00"}]"""));

        assertThat(body.path("messages").get(1)).isEqualTo(tree("""
                {"role": "assistant", "tool_calls": [{"id": "call_1", "type": "function",
                  "function": {"name": "get_time", "arguments": "{}"}}]}"""));
        assertThat(body.path("messages").get(2)).isEqualTo(tree(
                "{\"role\": \"tool\", \"tool_call_id\": \"call_1\", \"content\": \"12:00\"}"));
    }

    @Test
    void invalidJsonArgumentsArePassedOnAsTheyAre() {
        JsonNode body = cohere(conversation("""
                [{"role": "user", "content": "Time?"},
                 {"role": "assistant", "tool_calls": [{"id": "call_1", "type": "function",
                   "function": {"name": "get_time", "arguments": "{not json"}}]}]"""));

        assertThat(body.path("messages").get(1).path("tool_calls").get(0).path("function").path("arguments").asText())
                .isEqualTo("{not json");
    }

    @Test
    void toolPlanOfAnEarlierCohereAnswerGoesBackAsToolPlan() {
        JsonNode body = cohere(conversation("""
                [{"role": "user", "content": "Time?"},
                 {"role": "assistant", "tool_plan": "I will look up the time.", "tool_calls": [{"id": "get_time_x1",
                   "type": "function", "function": {"name": "get_time", "arguments": "{}"}}]}]"""));

        assertThat(body.path("messages").get(1).path("tool_plan").asText()).isEqualTo("I will look up the time.");
        assertThat(body.path("messages").get(1).has("content")).isFalse();
    }

    @Test
    void citationsOfAnEarlierAnswerGoBackWithIt() {
        JsonNode body = cohere(conversation("""
                [{"role": "user", "content": "Who?"},
                 {"role": "assistant", "content": "Nsync.", "citations": [{"start": 0, "end": 5, "text": "Nsync"}]},
                 {"role": "user", "content": "Sure?"}]"""));

        assertThat(body.path("messages").get(1).path("citations")).isEqualTo(tree(
                "[{\"start\": 0, \"end\": 5, \"text\": \"Nsync\"}]"));
    }

    @Test
    void emptyAssistantTurnIsLeftOut() {
        JsonNode body = cohere(conversation("""
                [{"role": "user", "content": "Hi"}, {"role": "assistant", "content": ""}, {"role": "user", "content": "Hi?"}]"""));

        assertThat(body.path("messages")).hasSize(2);
    }

    @Test
    void unknownRoleIsRefused() {
        assertThatThrownBy(() -> cohere(conversation("[{\"role\": \"function\", \"name\": \"f\", \"content\": \"1\"}]")))
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.getMessage()).contains("function"));
    }

    @Test
    void userAndUnknownOpenAiFieldsAreLeftOut() {
        JsonNode body = cohere(request("\"user\": \"u-1\", \"metadata\": {\"a\": \"b\"}, \"parallel_tool_calls\": false"));

        assertThat(body.has("user")).isFalse();
        assertThat(body.has("metadata")).isFalse();
        assertThat(body.has("parallel_tool_calls")).isFalse();
    }
}
